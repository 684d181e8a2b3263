"""Headings, column order and fixed notes of the official documents, in the wording of the
regulation's appendices, shared by every output format."""

from __future__ import annotations

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

NATIONAL_HEADING = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"

PARTNER_LIST_TITLE = "DANH SÁCH ĐỐI TÁC HẢI QUAN - DOANH NGHIỆP"
# The fields (i) to (vii) of the partner list, in that order.
PARTNER_LIST_COLUMNS = (
    "STT",
    "Tên đối tác",
    "Địa chỉ, điện thoại, thư điện tử",
    "Đầu mối liên lạc",
    "Phân loại đối tác",
    "Chương trình đối tác tham gia",
    "Các hoạt động hợp tác",
    "Ghi chú khác (ý kiến, đánh giá)",
)
PRIORITY_FOOTNOTE = (
    "(*) Ứng viên nhóm doanh nghiệp ưu tiên: doanh nghiệp có số thuế xuất nhập khẩu năm trước "
    "thuộc nhóm chiếm 80% tổng số thu của Cục Hải quan tỉnh, thành phố, xếp từ lớn đến nhỏ."
)

REPORT_TITLE = "BÁO CÁO"
APPENDIX_2_SUBTITLE = "Về công tác phát triển quan hệ đối tác"
APPENDIX_2_COLUMNS = (
    "STT",
    "Mục đích (1)",
    "Nội dung (2)",
    "Đối tác (3)",
    "Hình thức (4)",
    "Đầu mối (5)",
    "Kết quả (6)",
)
APPENDIX_2_QUESTIONS = (
    "Hãy cho biết đơn vị có trao đổi, thảo luận với đối tác trước, trong, sau thực hiện hoạt "
    "động đối tác hay không? Nếu có thực hiện như thế nào?",
    "Hãy cho biết cơ sở thiết lập quan hệ đối tác là gì? Lý do lựa chọn đối tác?",
    "Đánh giá tác động từ kết quả thực hiện quan hệ đối tác và đưa ra kiến nghị liên quan.",
)
APPENDIX_2_NOTES = (
    "- (1): Mục đích thiết lập quan hệ đối tác tại đơn vị.",
    "- (2): Nội dung đối tác.",
    "- (3): Thông tin về đối tác: loại, đối tượng đối tác.",
    "- (4): Thông tin về hình thức đối tác được lựa chọn.",
    "- (5): Đầu mối được giao chủ trì và thực hiện hoạt động đối tác.",
    "- (6): Kết quả thực hiện so với mục đích và nội dung đối tác đặt ra.",
)

APPENDIX_3_SUBTITLE = "Về kế hoạch triển khai quan hệ đối tác"
APPENDIX_3_COLUMNS = (
    "STT",
    "Hoạt động triển khai",
    "Thời gian thực hiện",
    "Nguồn lực huy động",
    "Vướng mắc",
    "Giải pháp",
)
APPENDIX_3_NOTES = (
    "Ghi chú: Căn cứ vào mục đích, nội dung đối tác, đơn vị chủ trì cụ thể hoá thành kế hoạch "
    "triển khai với các hoạt động, thời gian thực hiện cụ thể.",
)

AGREEMENT_TITLE = "THOẢ THUẬN HỢP TÁC"
AGREEMENT_STRATEGY = (
    "Thực hiện chủ trương của Tổng cục Hải quan về phát triển quan hệ đối tác hải quan - doanh "
    "nghiệp tại Chiến lược phát triển Hải quan đến 2020,"
)
