"""Human-readable labels of audit actions; each app registers its own at import time."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "auth.login": _("Đăng nhập"),
    "auth.logout": _("Đăng xuất"),
    "auth.login_failed": _("Đăng nhập không thành công"),
    "person.created": _("Thêm cá nhân"),
    "person.updated": _("Cập nhật thông tin cá nhân"),
    "role.assigned": _("Giao vai trò"),
    "notification.mail_settings_changed": _("Đổi cài đặt nhận thư thông báo"),
    "export": _("Xuất dữ liệu"),
    "admin.added": _("Thêm mới trong trang quản trị"),
    "admin.changed": _("Sửa trong trang quản trị"),
    "admin.deleted": _("Xóa trong trang quản trị"),
}


def register_action_labels(labels):
    ACTION_LABELS.update(labels)


def action_label(action):
    return ACTION_LABELS.get(action, action)
