"""The default award catalog of domain-rules.md, loaded by a data migration and by seed_demo.

Everything here is a default the Office edits in the admin: loading never overwrites an existing award,
condition set or quota, so running it again keeps the Office's changes.
Models are reached through `get_model` so the data migration can use its historical models.
"""

NEW_LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
NEW_DECREE = "Nghị định số 98/2023/NĐ-CP"
OLD_LAW = "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013)"
OLD_DECREE = "Nghị định số 91/2017/NĐ-CP"
VERIFY_NOTE = "Giá trị mặc định theo cách hiểu tốt nhất hiện có; Văn phòng cần đối chiếu điều khoản và sửa nếu cần."

DOCUMENTS = [
    ("to-trinh", "Tờ trình đề nghị khen thưởng của đơn vị", False, 1),
    ("bien-ban", "Biên bản họp Hội đồng thi đua - khen thưởng của đơn vị (có kết quả bỏ phiếu)", False, 2),
    ("bao-cao-thanh-tich", "Báo cáo thành tích có xác nhận của thủ trưởng đơn vị", True, 3),
    ("sang-kien", "Quyết định công nhận sáng kiến, đề tài (minh chứng)", True, 4),
    ("tom-tat-viec-lam", "Bản tóm tắt hành động, việc làm (khen thưởng đột xuất)", True, 5),
]

# Rating and level values mirror enums.Rating, enums.DisciplineLevel and campaigns' RecognitionLevel.
GOOD, EXCELLENT, COMPLETED = 3, 4, 2
WARNING, REPRIMAND = 2, 1
LEVEL_UNIT, LEVEL_PROVINCE, LEVEL_NATION = 1, 3, 4


def _c(kind, **params):
    return {"kind": kind, **params}


# code: (name, kind, subject, decided_by, decider, threshold, inclusive, documents, heading, verify, order, sets, quota)
# sets: [(legal basis, from_year, to_year, [conditions])]; a title in a condition is named by its code.
AWARDS = {
    "lao-dong-tien-tien": (
        "Lao động tiên tiến",
        "title",
        "individual",
        "bloc",
        "Thủ trưởng cơ quan, đơn vị",
        50,
        False,
        ["to-trinh", "bien-ban"],
        "GIẤY CHỨNG NHẬN",
        True,
        1,
        [
            (
                f"{NEW_LAW}, Điều 24; {NEW_DECREE}",
                2024,
                None,
                [
                    _c("rating_at_least", rating=GOOD, label="Hoàn thành tốt nhiệm vụ trở lên trong năm"),
                    _c("months_worked", months=10, label="Công tác từ 10 tháng trở lên trong năm (cần xác minh)"),
                    _c("not_disciplined", discipline_level=REPRIMAND),
                ],
            ),
            (
                f"{OLD_LAW}, Điều 24; {OLD_DECREE}",
                2018,
                2023,
                [
                    _c("rating_at_least", rating=GOOD, label="Hoàn thành tốt nhiệm vụ trở lên trong năm"),
                    _c("not_disciplined", discipline_level=REPRIMAND),
                ],
            ),
        ],
        None,
    ),
    "chien-si-thi-dua-co-so": (
        "Chiến sĩ thi đua cơ sở",
        "title",
        "individual",
        "bloc",
        "Thủ trưởng cơ quan, đơn vị",
        50,
        False,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich", "sang-kien"],
        "GIẤY CHỨNG NHẬN",
        True,
        2,
        [
            (
                f"{NEW_LAW}, Điều 23; {NEW_DECREE}",
                2024,
                None,
                [
                    _c(
                        "holds_title_in_year",
                        title="lao-dong-tien-tien",
                        label="Đạt danh hiệu Lao động tiên tiến trong năm",
                    ),
                    _c(
                        "initiative_at_level_within_period",
                        level=LEVEL_UNIT,
                        years=1,
                        label="Có sáng kiến được công nhận, áp dụng cấp cơ sở trong năm",
                    ),
                ],
            ),
            (
                f"{OLD_LAW}, Điều 23; {OLD_DECREE}",
                2018,
                2023,
                [
                    _c(
                        "holds_title_in_year",
                        title="lao-dong-tien-tien",
                        label="Đạt danh hiệu Lao động tiên tiến trong năm",
                    ),
                    _c("initiative_at_level_within_period", level=LEVEL_UNIT, years=1),
                ],
            ),
        ],
        (
            "share_of_title",
            "lao-dong-tien-tien",
            15,
            1,
            None,
            "Tối đa 15% số Lao động tiên tiến của đơn vị, làm tròn xuống, tối thiểu 1 (cần xác minh cách làm tròn)",
        ),
    ),
    "chien-si-thi-dua-cap-tinh": (
        "Chiến sĩ thi đua cấp tỉnh",
        "title",
        "individual",
        "higher",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        80,
        True,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich", "sang-kien"],
        "GIẤY CHỨNG NHẬN",
        True,
        3,
        [
            (
                f"{NEW_LAW}, Điều 22; {NEW_DECREE}",
                2024,
                None,
                [
                    _c("holds_title_consecutive_years", title="chien-si-thi-dua-co-so", years=3),
                    _c(
                        "initiative_at_level_within_period",
                        level=LEVEL_PROVINCE,
                        years=3,
                        label="Có sáng kiến có phạm vi ảnh hưởng trong tỉnh, được Hội đồng cấp tỉnh công nhận",
                    ),
                ],
            ),
            (
                f"{OLD_LAW}, Điều 22; {OLD_DECREE}",
                2018,
                2023,
                [
                    _c("holds_title_consecutive_years", title="chien-si-thi-dua-co-so", years=3),
                    _c("initiative_at_level_within_period", level=LEVEL_PROVINCE, years=3),
                ],
            ),
        ],
        None,
    ),
    "chien-si-thi-dua-toan-quoc": (
        "Chiến sĩ thi đua toàn quốc",
        "title",
        "individual",
        "higher",
        "Thủ tướng Chính phủ",
        90,
        True,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich", "sang-kien"],
        "GIẤY CHỨNG NHẬN",
        True,
        4,
        [
            (
                f"{NEW_LAW}, Điều 21; {NEW_DECREE}",
                2024,
                None,
                [
                    _c("holds_title_consecutive_years", title="chien-si-thi-dua-cap-tinh", years=2),
                    _c(
                        "initiative_at_level_within_period",
                        level=LEVEL_NATION,
                        years=6,
                        label="Có sáng kiến có phạm vi ảnh hưởng toàn quốc",
                    ),
                ],
            ),
        ],
        None,
    ),
    "tap-the-lao-dong-tien-tien": (
        "Tập thể lao động tiên tiến",
        "title",
        "collective",
        "bloc",
        "Thủ trưởng cơ quan, đơn vị",
        50,
        False,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich"],
        "GIẤY CHỨNG NHẬN",
        True,
        5,
        [
            (
                f"{NEW_LAW}, Điều 28; {NEW_DECREE}",
                2024,
                None,
                [
                    _c("rating_at_least", rating=GOOD, label="Tổ chức đảng hoàn thành tốt nhiệm vụ trở lên"),
                    _c("member_share_with_title", title="lao-dong-tien-tien", percent=50),
                    _c("not_disciplined", discipline_level=WARNING),
                ],
            ),
            (
                f"{OLD_LAW}, Điều 28; {OLD_DECREE}",
                2018,
                2023,
                [
                    _c("member_share_with_title", title="lao-dong-tien-tien", percent=50),
                    _c("not_disciplined", discipline_level=WARNING),
                ],
            ),
        ],
        None,
    ),
    "tap-the-lao-dong-xuat-sac": (
        "Tập thể lao động xuất sắc",
        "title",
        "collective",
        "higher",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        50,
        False,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich"],
        "GIẤY CHỨNG NHẬN",
        True,
        6,
        [
            (
                f"{NEW_LAW}, Điều 27; {NEW_DECREE}",
                2024,
                None,
                [
                    _c("rating_at_least", rating=EXCELLENT, label="Tổ chức đảng hoàn thành xuất sắc nhiệm vụ"),
                    _c(
                        "member_share_with_rating",
                        rating=COMPLETED,
                        percent=100,
                        label="100% thành viên hoàn thành nhiệm vụ",
                    ),
                    _c("member_share_with_title", title="lao-dong-tien-tien", percent=70),
                    _c("member_count_with_title", title="chien-si-thi-dua-co-so", count=1),
                    _c("not_disciplined", discipline_level=WARNING),
                ],
            ),
            (
                f"{OLD_LAW}, Điều 27; {OLD_DECREE}",
                2018,
                2023,
                [
                    _c("member_share_with_title", title="lao-dong-tien-tien", percent=70),
                    _c("member_count_with_title", title="chien-si-thi-dua-co-so", count=1),
                    _c("not_disciplined", discipline_level=WARNING),
                ],
            ),
        ],
        None,
    ),
    "co-thi-dua-cap-tinh": (
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "title",
        "collective",
        "higher",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        80,
        True,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich"],
        "CỜ THI ĐUA",
        True,
        7,
        [
            (
                f"{NEW_LAW}, Điều 26; {NEW_DECREE}",
                2024,
                None,
                [
                    _c("holds_title_in_year", title="tap-the-lao-dong-xuat-sac"),
                    _c(
                        "accepted_result_at_least",
                        percent=100,
                        label="Hoàn thành vượt mức chỉ tiêu, dẫn đầu cụm thi đua (kết quả cả năm được chấp thuận)",
                    ),
                ],
            ),
        ],
        ("per_cluster", None, None, 0, 1, "Mỗi cụm thi đua đề nghị tối đa 1 tập thể dẫn đầu (cần xác minh)"),
    ),
    "giay-khen-ca-nhan": (
        "Giấy khen của Ban Thường vụ Đảng ủy Khối (cá nhân)",
        "form",
        "individual",
        "bloc",
        "",
        50,
        False,
        ["to-trinh", "bao-cao-thanh-tich"],
        "GIẤY KHEN",
        False,
        10,
        [
            (
                f"{NEW_LAW}; {NEW_DECREE}; Quy chế thi đua, khen thưởng của Đảng ủy Khối",
                2024,
                None,
                [
                    _c("rating_at_least", rating=GOOD),
                    _c("not_disciplined", discipline_level=REPRIMAND),
                ],
            ),
            (f"{OLD_LAW}; {OLD_DECREE}", 2018, 2023, [_c("not_disciplined", discipline_level=REPRIMAND)]),
        ],
        None,
    ),
    "giay-khen-tap-the": (
        "Giấy khen của Ban Thường vụ Đảng ủy Khối (tập thể)",
        "form",
        "collective",
        "bloc",
        "",
        50,
        False,
        ["to-trinh", "bao-cao-thanh-tich"],
        "GIẤY KHEN",
        False,
        11,
        [
            (
                f"{NEW_LAW}; {NEW_DECREE}; Quy chế thi đua, khen thưởng của Đảng ủy Khối",
                2024,
                None,
                [
                    _c("rating_at_least", rating=GOOD),
                    _c("not_disciplined", discipline_level=WARNING),
                ],
            ),
        ],
        None,
    ),
    "giay-khen-dang-vien-5-nam": (
        "Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ tiêu biểu 5 năm liền",
        "form",
        "individual",
        "bloc",
        "",
        50,
        False,
        ["to-trinh", "bao-cao-thanh-tich"],
        "GIẤY KHEN",
        True,
        12,
        [
            (
                "Quy định của Đảng về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm",
                2018,
                None,
                [
                    _c("rating_at_least", rating=EXCELLENT, years=5, label="Hoàn thành xuất sắc nhiệm vụ 5 năm liền"),
                    _c("not_disciplined", discipline_level=REPRIMAND, years=5),
                ],
            ),
        ],
        None,
    ),
    "giay-khen-to-chuc-dang": (
        "Giấy khen tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ tiêu biểu",
        "form",
        "collective",
        "bloc",
        "",
        50,
        False,
        ["to-trinh", "bao-cao-thanh-tich"],
        "GIẤY KHEN",
        True,
        13,
        [
            (
                "Quy định của Đảng về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm",
                2018,
                None,
                [
                    _c("rating_at_least", rating=EXCELLENT, label="Tổ chức đảng hoàn thành xuất sắc nhiệm vụ"),
                ],
            ),
        ],
        None,
    ),
    "giay-khen-dot-xuat": (
        "Giấy khen đột xuất của Ban Thường vụ Đảng ủy Khối",
        "form",
        "individual",
        "bloc",
        "",
        50,
        False,
        ["to-trinh", "tom-tat-viec-lam"],
        "GIẤY KHEN",
        False,
        14,
        [(f"{NEW_LAW}; {NEW_DECREE}", 2018, None, [_c("not_disciplined", discipline_level=WARNING)])],
        None,
    ),
    "bang-khen-ubnd-tinh": (
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "form",
        "individual",
        "higher",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        50,
        False,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich"],
        "BẰNG KHEN",
        True,
        20,
        [
            (
                f"{NEW_LAW}; {NEW_DECREE}",
                2024,
                None,
                [
                    _c(
                        "rating_at_least",
                        rating=EXCELLENT,
                        years=2,
                        label="Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục",
                    ),
                    _c("initiative_at_level_within_period", level=LEVEL_UNIT, years=2),
                ],
            ),
        ],
        None,
    ),
    "bang-khen-tinh-uy": (
        "Bằng khen của Ban Thường vụ Tỉnh ủy",
        "form",
        "individual",
        "higher",
        "Ban Thường vụ Tỉnh ủy",
        50,
        False,
        ["to-trinh", "bien-ban", "bao-cao-thanh-tich"],
        "BẰNG KHEN",
        True,
        21,
        [
            (
                "Quy định của Tỉnh ủy về khen thưởng tổ chức đảng và đảng viên",
                2018,
                None,
                [
                    _c("rating_at_least", rating=EXCELLENT, years=5, label="Hoàn thành xuất sắc nhiệm vụ 5 năm liền"),
                ],
            ),
        ],
        None,
    ),
}


# What the decision and the certificate print for each award (Award.display_title): the catalog's names tell
# variants apart ("… (cá nhân)", "… đột xuất …"), a certificate reads "Tặng Giấy khen".
DISPLAY_TITLES = {
    "lao-dong-tien-tien": "Lao động tiên tiến",
    "chien-si-thi-dua-co-so": "Chiến sĩ thi đua cơ sở",
    "chien-si-thi-dua-cap-tinh": "Chiến sĩ thi đua cấp tỉnh",
    "chien-si-thi-dua-toan-quoc": "Chiến sĩ thi đua toàn quốc",
    "tap-the-lao-dong-tien-tien": "Tập thể lao động tiên tiến",
    "tap-the-lao-dong-xuat-sac": "Tập thể lao động xuất sắc",
    "co-thi-dua-cap-tinh": "Cờ thi đua của Ủy ban nhân dân tỉnh",
    "giay-khen-ca-nhan": "Giấy khen",
    "giay-khen-tap-the": "Giấy khen",
    "giay-khen-dang-vien-5-nam": "Giấy khen",
    "giay-khen-to-chuc-dang": "Giấy khen",
    "giay-khen-dot-xuat": "Giấy khen",
    "bang-khen-ubnd-tinh": "Bằng khen",
    "bang-khen-tinh-uy": "Bằng khen",
}


def fill_display_titles(get_model):
    """Give the catalog's awards their printed title where the Office has not written one."""
    Award = get_model("awards", "Award")
    for code, title in DISPLAY_TITLES.items():
        Award.objects.filter(code=code, display_title="").update(display_title=title)


def load_catalog(get_model):
    """Create the default documents, awards, condition sets and quotas that do not exist yet."""
    DocumentType = get_model("awards", "DocumentType")
    Award = get_model("awards", "Award")
    ConditionSet = get_model("awards", "ConditionSet")
    Condition = get_model("awards", "Condition")
    QuotaRule = get_model("awards", "QuotaRule")

    documents = {}
    for code, name, per_nominee, order in DOCUMENTS:
        documents[code] = DocumentType.objects.get_or_create(
            code=code, defaults={"name": name, "per_nominee": per_nominee, "order": order}
        )[0]
    awards = {}
    for code, spec in AWARDS.items():
        name, kind, subject, decided_by, decider, threshold, inclusive, docs, heading, verify, order = spec[:11]
        award, created = Award.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "subject": subject,
                "decided_by": decided_by,
                "decider": decider,
                "threshold_percent": threshold,
                "threshold_inclusive": inclusive,
                "certificate_heading": heading,
                "needs_verification": verify,
                "order": order,
            },
        )
        if created:
            award.required_documents.set([documents[d] for d in docs])
        awards[code] = award
    for code, spec in AWARDS.items():
        award, sets, quota = awards[code], spec[11], spec[12]
        for legal_basis, from_year, to_year, conditions in sets:
            condition_set, created = ConditionSet.objects.get_or_create(
                award=award,
                from_year=from_year,
                defaults={"legal_basis": legal_basis, "to_year": to_year, "note": VERIFY_NOTE if spec[9] else ""},
            )
            if not created:
                continue
            for index, params in enumerate(conditions):
                params = dict(params)
                title = params.pop("title", None)
                Condition.objects.create(
                    condition_set=condition_set, order=index, title=awards[title] if title else None, **params
                )
        if quota and not QuotaRule.objects.filter(award=award).exists():
            basis, base, percent, minimum, maximum, legal_basis = quota
            QuotaRule.objects.create(
                award=award,
                basis=basis,
                base_award=awards[base] if base else None,
                percent=percent,
                minimum=minimum,
                maximum=maximum,
                legal_basis=legal_basis,
            )
    # The migration that loads the catalog first (0002) runs before the printed title exists (0012 fills it).
    if any(field.name == "display_title" for field in Award._meta.get_fields()):
        fill_display_titles(get_model)
    return awards
