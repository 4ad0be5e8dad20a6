"""Vietnamese labels of the campaigns' audit actions, for the history timelines."""

from django.utils.translation import gettext_lazy as _

from emulation.audit import register_action_labels

register_action_labels(
    {
        "term.created": _("Tạo nhiệm kỳ"),
        "term.updated": _("Cập nhật nhiệm kỳ"),
        "movement.created": _("Thêm phong trào"),
        "movement.updated": _("Cập nhật phong trào"),
        "plan.created": _("Tạo kế hoạch"),
        "plan.updated": _("Cập nhật kế hoạch"),
        "plan.approved": _("Ban Thường vụ phê duyệt kế hoạch"),
        "plan.launched": _("Phát động kế hoạch"),
        "plan.closed": _("Kết thúc kế hoạch"),
        "plan.reminder_sent": _("Gửi nhắc nhở đơn vị"),
        "phase.created": _("Thêm đợt thi đua"),
        "phase.updated": _("Cập nhật đợt thi đua"),
        "criterion.created": _("Thêm tiêu chí"),
        "criterion.updated": _("Cập nhật tiêu chí"),
        "pledge.created": _("Lập bản đăng ký thi đua"),
        "pledge.updated": _("Cập nhật bản đăng ký"),
        "pledge.submitted": _("Gửi bản đăng ký"),
        "pledge.accepted": _("Chấp thuận bản đăng ký"),
        "pledge.returned": _("Trả lại bản đăng ký để bổ sung"),
        "pledge.superseded": _("Thay thế bằng bản sửa đổi"),
        "pledge.revision_created": _("Lập bản sửa đổi"),
        "pledge.registration_added": _("Thêm cá nhân đăng ký danh hiệu"),
        "pledge.registration_changed": _("Sửa đăng ký danh hiệu cá nhân"),
        "pledge.registration_removed": _("Xóa cá nhân khỏi danh sách đăng ký"),
        "pledge.registrations_imported": _("Nhập danh sách đăng ký từ Excel"),
        "result.created": _("Lập báo cáo kết quả"),
        "result.updated": _("Cập nhật báo cáo kết quả"),
        "result.evidence_added": _("Tải lên minh chứng"),
        "result.submitted": _("Gửi báo cáo kết quả"),
        "result.accepted": _("Chấp thuận báo cáo kết quả"),
        "result.returned": _("Trả lại báo cáo để bổ sung"),
        "covenant.drafted": _("Soạn dự thảo giao ước"),
        "covenant.updated": _("Cập nhật giao ước"),
        "covenant.opened": _("Mở ký giao ước"),
        "covenant.signed": _("Đơn vị ký giao ước"),
        "covenant.completed": _("Các đơn vị đã ký đủ"),
        "exemplar.proposed": _("Đề xuất điển hình"),
        "exemplar.verified": _("Văn phòng xác nhận"),
        "exemplar.rejected": _("Văn phòng không xác nhận"),
        "exemplar.published": _("Công bố trên trang công khai"),
        "exemplar.unpublished": _("Gỡ khỏi trang công khai"),
        "initiative.proposed": _("Đề xuất sáng kiến"),
        "initiative.recognized": _("Công nhận sáng kiến"),
        "initiative.rejected": _("Không công nhận sáng kiến"),
    }
)
