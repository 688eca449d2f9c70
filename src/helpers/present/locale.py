"""Everything that depends on ``lang``, in one place: labels, number formats, an indicator's name and
unit in a language, values formatted for their kind, source lines, and the report pages' chrome.

Indicator names and units come from the data dictionary (``indicators.csv``); the words that are not
data are in :data:`LABELS`. Standard library only (the report runner's pages use it without pandas).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..data import numbers
from ..data.validate import validate

LANGS = ("en", "vi")

LABELS: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "vi": "Năm"},
    "date": {"en": "Date", "vi": "Ngày"},
    "value": {"en": "Value", "vi": "Giá trị"},
    "source": {"en": "Source", "vi": "Nguồn"},
    "quote": {"en": "Quote", "vi": "Trích dẫn"},
    "note": {"en": "Note", "vi": "Ghi chú"},
    "indicator": {"en": "Indicator", "vi": "Chỉ số"},
    "latest": {"en": "Latest", "vi": "Mới nhất"},
    "previous": {"en": "Previous", "vi": "Trước đó"},
    "change": {"en": "Change", "vi": "Thay đổi"},
    "growth": {"en": "Growth on the year before", "vi": "Tăng so với năm trước"},
    "selected": {"en": "Used in charts", "vi": "Dùng trong biểu đồ"},
    "status": {"en": "Status", "vi": "Kết quả"},
    "stated": {"en": "Stated", "vi": "Công bố"},
    "computed": {"en": "Computed", "vi": "Tính lại"},
    "claim": {"en": "Claim", "vi": "Nhận định"},
    "country": {"en": "Country", "vi": "Quốc gia"},
    "position": {"en": "Position in South-East Asia", "vi": "Vị trí trong Đông Nam Á"},
    "very_high": {"en": "'Very high' EGDI (0.75)", "vi": "EGDI mức 'Rất cao' (0,75)"},
    "rank_axis": {"en": "Rank (1 = best)", "vi": "Thứ hạng (1 = cao nhất)"},
    "peers_title": {
        "en": "UN E-Government rank: Viet Nam and South-East Asia",
        "vi": "Xếp hạng Chính phủ điện tử LHQ: Việt Nam và Đông Nam Á",
    },
    "subindices_title": {
        "en": "EGDI and its components, Viet Nam",
        "vi": "EGDI và các chỉ số thành phần, Việt Nam",
    },
    "identity_title": {
        "en": "Chip-based ID cards and VNeID accounts",
        "vi": "Thẻ căn cước công dân gắn chip và tài khoản VNeID",
    },
    "activation_rate": {
        "en": "VNeID accounts activated per chip-based ID card issued",
        "vi": "Tài khoản VNeID kích hoạt trên số thẻ CCCD đã cấp",
    },
    "percent": {"en": "percent", "vi": "phần trăm"},
    "consistent": {"en": "consistent", "vi": "khớp"},
    "inconsistent": {"en": "inconsistent", "vi": "không khớp"},
    "loose": {"en": "roughly consistent", "vi": "gần khớp"},
    "not checkable": {"en": "not checkable", "vi": "không kiểm tra được"},
    "over": {"en": "over", "vi": "trên"},
    "nearly": {"en": "nearly", "vi": "gần"},
    "about": {"en": "about", "vi": "khoảng"},
    "VNM": {"en": "Viet Nam", "vi": "Việt Nam"},
    "places": {"en": "places", "vi": "bậc"},
    "points": {"en": "pp", "vi": "điểm %"},
    "sources": {"en": "Sources", "vi": "Nguồn"},
    "un_survey": {
        "en": "UN E-Government Survey {years} (UN DESA)",
        "vi": "Khảo sát Chính phủ điện tử LHQ {years}",
    },
    "all_series_title": {
        "en": "Viet Nam's digital government: every series",
        "vi": "Chính phủ số Việt Nam: các chuỗi số liệu",
    },
    "own_units": {"en": "each panel in its own unit", "vi": "mỗi ô một đơn vị riêng"},
    "no_disagreement": {
        "en": "The sources agree: no date has two different figures.",
        "vi": "Các nguồn thống nhất: không có thời điểm nào có hai số liệu khác nhau.",
    },
    # The report pages' chrome (helpers.reports.html)
    "report": {"en": "Report", "vi": "Báo cáo"},
    "parameters": {"en": "Parameters", "vi": "Tham số"},
    "defaults": {"en": "(defaults)", "vi": "(mặc định)"},
    "data_version": {"en": "Data version", "vi": "Phiên bản dữ liệu"},
    "built": {"en": "Built", "vi": "Tạo lúc"},
    "built_in": {"en": "{at} in {secs:.1f} s", "vi": "{at}, mất {secs:.1f} giây"},
    "error": {"en": "Error", "vi": "Lỗi"},
    "all_reports": {"en": "All reports", "vi": "Mọi báo cáo"},
    "run_time": {"en": "Run time", "vi": "Thời gian chạy"},
    "failed_run": {"en": "failed run", "vi": "lần chạy lỗi"},
    "site_title": {
        "en": "Viet Nam's digital government in figures",
        "vi": "Chính phủ số Việt Nam qua các con số",
    },
    "reports": {"en": "reports", "vi": "báo cáo"},
    # the data page (helpers.reports.html.data_page)
    "data_page_title": {"en": "The dataset", "vi": "Bộ dữ liệu"},
    "data_page_lead": {
        "en": "Every figure behind the reports, with its source and the sentence it was quoted from, "
        "as CSV files described by one data dictionary.",
        "vi": "Mọi số liệu dùng trong các báo cáo, kèm nguồn và câu trích dẫn gốc, dưới dạng tệp CSV "
        "được mô tả bởi một từ điển dữ liệu.",
    },
    "data_download": {
        "en": "Download {link} ({size} bytes; data version {version}, published {date}). It is a {spec}: "
        "datapackage.json describes every file's columns and types.",
        "vi": "Tải về {link} ({size} byte; phiên bản dữ liệu {version}, công bố ngày {date}). Đây là một "
        "{spec}: tệp datapackage.json mô tả các cột và kiểu dữ liệu của mọi tệp.",
    },
    "data_files": {"en": "Files", "vi": "Các tệp"},
    "data_files_note": {
        "en": "What the zip holds.",
        "vi": "Các tệp trong gói zip; phần mô tả lấy từ từ điển dữ liệu, bằng tiếng Anh.",
    },
    "data_file": {"en": "File", "vi": "Tệp"},
    "data_bytes": {"en": "Bytes", "vi": "Byte"},
    "data_what": {"en": "What", "vi": "Nội dung"},
    # the index's block on the dataset (helpers.reports.datapage.changes_html)
    "the_dataset": {
        "en": "The dataset: download, licence, how to cite",
        "vi": "Bộ dữ liệu: tải về, giấy phép, cách trích dẫn",
    },
    "changes_title": {"en": "Latest data changes", "vi": "Thay đổi dữ liệu gần nhất"},
    "changes_head": {"en": "{at}, data version {version}", "vi": "{at}, phiên bản dữ liệu {version}"},
    "changes_first": {"en": "first publication: {n} figures", "vi": "công bố lần đầu: {n} số liệu"},
    "changes_counts": {
        "en": "{added} added, {changed} changed, {removed} removed",
        "vi": "{added} thêm, {changed} sửa, {removed} bỏ",
    },
    "change_added": {"en": "added", "vi": "thêm"},
    "change_changed": {"en": "changed", "vi": "sửa"},
    "change_removed": {"en": "removed", "vi": "bỏ"},
    "changes_more": {"en": "… and {n} more", "vi": "… và {n} thay đổi khác"},
    # --- page chrome: every report page and the index ---------------------------------------------
    "site_lead": {
        "en": "Sourced figures on Viet Nam's national digital transformation programme and Đề án 06 on "
        "population data and electronic identification. Every figure keeps the sentence it was quoted "
        "from; the sources' own claims are recomputed from the data.",
        "vi": "Số liệu có nguồn về Chương trình chuyển đổi số quốc gia và Đề án 06 về dữ liệu dân cư, "
        "định danh và xác thực điện tử. Mỗi số liệu kèm câu trích dẫn gốc; các nhận định của nguồn "
        "được tính lại từ dữ liệu.",
    },
    "catalogue": {"en": "Reports", "vi": "Báo cáo"},
    "nav_label": {"en": "Site", "vi": "Điều hướng"},
    "key_findings": {"en": "Key findings", "vi": "Điểm chính"},
    "dateline": {
        "en": "Updated {date} · data version {version}",
        "vi": "Cập nhật {date} · phiên bản dữ liệu {version}",
    },
    "method_notes": {"en": "About these figures", "vi": "Về số liệu"},
    "licence": {"en": "Licence", "vi": "Giấy phép"},
    "licence_text": {
        "en": "Data: {cc}, except where a source states otherwise; quotes remain their publishers'. "
        "Code: {mit}.",
        "vi": "Dữ liệu: {cc}, trừ khi nguồn ghi khác; các câu trích dẫn thuộc về nơi công bố. "
        "Mã nguồn: {mit}.",
    },
    "how_to_cite": {"en": "How to cite", "vi": "Cách trích dẫn"},
    "citation": {
        "en": "{site}. “{title}”. Version {version}, data version {data_version}, {date}. {address}",
        "vi": "{site}. “{title}”. Phiên bản {version}, phiên bản dữ liệu {data_version}, ngày {date}. {address}",
    },
    "citation_site": {
        "en": "{site}. Version {version}, data version {data_version}, {date}. {address}",
        "vi": "{site}. Phiên bản {version}, phiên bản dữ liệu {data_version}, ngày {date}. {address}",
    },
    "build_details": {"en": "Build details", "vi": "Thông tin bản dựng"},
    "build_failed": {
        "en": "The last run of this report failed:",
        "vi": "Lần chạy gần nhất của báo cáo này bị lỗi:",
    },
    "last_run_failed": {"en": "last run failed", "vi": "lần chạy gần nhất bị lỗi"},
    "status_ok": {"en": "up to date", "vi": "đã cập nhật"},
    "status_failed": {"en": "failed", "vi": "lỗi"},
    "status_stale": {"en": "failed, last good version kept", "vi": "lỗi, giữ bản tốt gần nhất"},
    "status_missing": {"en": "not built yet", "vi": "chưa tạo"},
    "group_overview": {"en": "Overview", "vi": "Tổng quan"},
    "group_topic": {"en": "Topics", "vi": "Chủ đề"},
    "group_profile": {"en": "Indicator profiles", "vi": "Hồ sơ chỉ số"},
    "index_build": {
        "en": "Index written {when}; data version {version}. Inputs, versions and hashes of every report:",
        "vi": "Mục lục tạo lúc {when}; phiên bản dữ liệu {version}. Đầu vào, phiên bản và mã băm của từng "
        "báo cáo:",
    },
    "download": {"en": "Download", "vi": "Tải về"},
    "metadata": {"en": "metadata", "vi": "thông tin mô tả"},
    "data_csv": {"en": "data", "vi": "dữ liệu"},
    "chart": {"en": "Chart", "vi": "Biểu đồ"},
    "seconds": {"en": "{n} s", "vi": "{n} giây"},
    "no_claims": {
        "en": "No source made a relative claim about this series.",
        "vi": "Chưa có nguồn nào đưa ra nhận định so sánh về chuỗi số liệu này.",
    },
    "change_on_previous": {"en": "Change on the year before", "vi": "Thay đổi so với năm trước"},
    "gap": {"en": "Gap", "vi": "Chênh lệch"},
    "times_short": {"en": "{n}×", "vi": "gấp {n} lần"},
    "and": {"en": "and", "vi": "và"},
    "why_no_figure": {"en": "no figure of {0} for {1}", "vi": "không có số liệu {0} cho năm {1}"},
    "why_already": {"en": "already {0} in {1}", "vi": "đã đạt {0} từ năm {1}"},
    "why_no_table": {
        "en": "no UN {0} table for {1}",
        "vi": "không có bảng {0} của Liên hợp quốc cho năm {1}",
    },
    "why_share_of": {
        "en": "the quantity it is a share of is not in the data",
        "vi": "dữ liệu chưa có tổng số mà tỷ lệ này dựa trên",
    },
    "why_zero": {"en": "division by zero", "vi": "phép chia cho 0"},
    "why_loose": {
        "en": "within 10% of the stated number (press rounding)",
        "vi": "lệch không quá 10% so với con số công bố (làm tròn kiểu báo chí)",
    },
    "why_no_target": {
        "en": "no target of {1} for {0} in the data",
        "vi": "dữ liệu không có mục tiêu {1} cho {0}",
    },
    "why_external": {
        "en": "a position in a ranking whose other countries' values the data does not hold",
        "vi": "thứ hạng trong một bảng xếp hạng mà dữ liệu không có giá trị của các nước khác",
    },
    # --- changes and facts in sentences (locale.change, story) ---------------------------------------
    "unchanged": {"en": "unchanged", "vi": "không đổi"},
    "up_places": {"en": "up {n} places", "vi": "tăng {n} bậc"},
    "down_places": {"en": "down {n} places", "vi": "giảm {n} bậc"},
    "up_points": {"en": "up {n} percentage points", "vi": "tăng {n} điểm phần trăm"},
    "down_points": {"en": "down {n} percentage points", "vi": "giảm {n} điểm phần trăm"},
    "up_by": {"en": "up {n}", "vi": "tăng {n}"},
    "down_by": {"en": "down {n}", "vi": "giảm {n}"},
    "up_pct": {"en": "up {n}", "vi": "tăng {n}"},
    "down_pct": {"en": "down {n}", "vi": "giảm {n}"},
    "times": {"en": "up {n}-fold", "vi": "gấp {n} lần"},
    "on_prev": {"en": "on", "vi": "so với"},
    "story_latest": {
        "en": "{name}: {value} {when}, {change} on the figure {since}.",
        "vi": "{name}: {value} ({when}), {change} so với số liệu {since}.",
    },
    "story_latest_one": {
        "en": "{name}: {value} {when}, the only figure so far.",
        "vi": "{name}: {value} ({when}), số liệu duy nhất đến nay.",
    },
    "story_value": {
        "en": "Latest: {value} {when}, {change} on the figure {since}.",
        "vi": "Mới nhất: {value} ({when}), {change} so với số liệu {since}.",
    },
    "story_value_one": {
        "en": "Only one figure so far: {value} {when}.",
        "vi": "Mới có một số liệu: {value} ({when}).",
    },
    "story_count": {
        "en": "{n} figures from {k} sources; {m} of them used in the chart.",
        "vi": "{n} số liệu từ {k} nguồn; {m} số liệu được dùng trong biểu đồ.",
    },
    "story_claims": {
        "en": "{ok} of {n} claims the sources made about it agree with the data.",
        "vi": "{ok}/{n} nhận định của các nguồn khớp với dữ liệu.",
    },
    # --- 00 overview --------------------------------------------------------------------------------
    "overview_title": {
        "en": "Viet Nam's digital government at a glance",
        "vi": "Chính phủ số Việt Nam: tổng quan",
    },
    "overview_lead": {
        "en": "The headline figures of Viet Nam's national digital transformation programme and of "
        "Đề án 06, the scheme for population data and electronic identification: each with its date, "
        "its source and its change since the figure before.",
        "vi": "Các số liệu chính của Chương trình chuyển đổi số quốc gia và Đề án 06 về dữ liệu dân cư, "
        "định danh và xác thực điện tử: mỗi số liệu kèm thời điểm, nguồn và mức thay đổi so với số liệu "
        "trước đó.",
    },
    "overview_headline_h": {"en": "Headline figures", "vi": "Các số liệu chính"},
    "overview_headline_p": {
        "en": "“Latest” is the most recent figure the charts use; where a source says “over” or "
        "“about”, so does the table. Each change is on the previous figure of the same series, whose "
        "date is in brackets: in places for ranks, in percentage points for shares.",
        "vi": "“Mới nhất” là số liệu gần nhất được dùng trong biểu đồ; khi nguồn ghi “trên” hay "
        "“khoảng”, bảng cũng ghi như vậy. Mức thay đổi được tính so với số liệu trước đó của cùng "
        "chuỗi (thời điểm ghi trong ngoặc): bằng bậc với thứ hạng, bằng điểm phần trăm với tỷ lệ.",
    },
    "overview_series_h": {"en": "Every series", "vi": "Tất cả các chuỗi số liệu"},
    "overview_series_p": {
        "en": "One panel per headline indicator with at least two figures, each on its own scale; the "
        "label gives the latest value. Each of them has its own page, listed in the index.",
        "vi": "Mỗi ô là một chỉ số chính có từ hai số liệu trở lên, với thang đo riêng; nhãn ghi giá trị "
        "mới nhất. Mỗi chỉ số này có một trang riêng, liệt kê trong mục lục.",
    },
    # --- 01 UN E-Government Survey ------------------------------------------------------------------
    "egov_title": {
        "en": "Viet Nam in the UN E-Government Survey",
        "vi": "Việt Nam trong Khảo sát Chính phủ điện tử của Liên hợp quốc",
    },
    "egov_lead": {
        "en": "Every two years the United Nations ranks its 193 member states by the E-Government "
        "Development Index (EGDI), the average of three components: online services, human capital and "
        "telecommunication infrastructure. This page follows Viet Nam's rank and index across the "
        "surveys, compares it with its South-East Asian neighbours and checks what the Vietnamese press "
        "said about the results.",
        "vi": "Hai năm một lần, Liên hợp quốc xếp hạng 193 quốc gia thành viên theo Chỉ số phát triển "
        "Chính phủ điện tử (EGDI), trung bình cộng của ba chỉ số thành phần: dịch vụ trực tuyến, nguồn "
        "nhân lực và hạ tầng viễn thông. Trang này theo dõi thứ hạng và chỉ số của Việt Nam qua các kỳ "
        "khảo sát, so sánh với các nước Đông Nam Á và kiểm tra lại những gì báo chí trong nước đưa tin "
        "về kết quả.",
    },
    "egov_f_rank": {
        "en": "Viet Nam ranked {ordinal} of 193 in {year}, {change} on {prev_year}.",
        "vi": "Năm {year}, Việt Nam xếp {ordinal}/193, {change} so với năm {prev_year}.",
    },
    "egov_f_best": {
        "en": "It is Viet Nam's best rank since the first survey shown ({first_year}).",
        "vi": "Đây là thứ hạng cao nhất của Việt Nam kể từ kỳ khảo sát đầu tiên được trình bày "
        "({first_year}).",
    },
    "egov_f_index": {
        "en": "Its index reached {value} in {year}; the UN calls 0.75 and above “very high”.",
        "vi": "Chỉ số EGDI đạt {value} năm {year}; Liên hợp quốc xếp mức từ 0,75 trở lên là “rất cao”.",
    },
    "egov_f_peers": {
        "en": "Among the {n} South-East Asian countries compared, Viet Nam came {position} in {year}.",
        "vi": "Trong {n} nước Đông Nam Á được so sánh, Việt Nam đứng {position} năm {year}.",
    },
    "egov_rank_h": {"en": "Rank across the surveys", "vi": "Thứ hạng qua các kỳ khảo sát"},
    "egov_rank_p": {
        "en": "Higher on the chart is better: 1 is the top rank. From {first_year} to {last_before} "
        "Viet Nam ranked between {best} and {worst}; in {year} it was {ordinal}.",
        "vi": "Càng cao trên biểu đồ càng tốt: hạng 1 là cao nhất. Từ {first_year} đến {last_before}, "
        "Việt Nam xếp từ {best} đến {worst}; năm {year} xếp {ordinal}.",
    },
    "egov_index_h": {"en": "The index and its components", "vi": "Chỉ số và các chỉ số thành phần"},
    "egov_index_p": {
        "en": "A rank moves when other countries move; the index itself shows Viet Nam's own progress. "
        "The dashed line is the UN's threshold for a “very high” EGDI (0.75).",
        "vi": "Thứ hạng thay đổi cả khi các nước khác thay đổi; bản thân chỉ số mới cho thấy tiến bộ của "
        "chính Việt Nam. Đường nét đứt là ngưỡng EGDI “rất cao” của Liên hợp quốc (0,75).",
    },
    "egov_peers_h": {"en": "Among its South-East Asian peers", "vi": "So với các nước Đông Nam Á"},
    "egov_peers_p": {
        "en": "Viet Nam is drawn in colour, the other {n} countries in grey. The table gives Viet Nam's "
        "position within the group in each survey, computed from every member's rank.",
        "vi": "Việt Nam được tô màu, {n} nước còn lại màu xám. Bảng cho biết vị trí của Việt Nam trong "
        "nhóm ở mỗi kỳ khảo sát, tính từ thứ hạng của từng nước.",
    },
    "claims_h": {"en": "What the sources claimed, checked", "vi": "Kiểm tra các nhận định của nguồn"},
    "egov_claims_p": {
        "en": "Vietnamese reports state results relative to earlier surveys (“up 15 places on 2022”). "
        "Each claim is recomputed from the UN tables; “not checkable” means the data lacks a figure the "
        "claim needs.",
        "vi": "Báo chí trong nước thường nêu kết quả so với các kỳ trước (“tăng 15 bậc so với năm "
        "2022”). Mỗi nhận định được tính lại từ bảng số liệu của Liên hợp quốc; “không kiểm tra được” "
        "nghĩa là dữ liệu còn thiếu số liệu mà nhận định cần.",
    },
    "egov_note": {
        "en": "Ranks and indices are the UN's published survey tables, normalised without changing a "
        "value. A press figure for the same survey is kept with the sentence it was quoted from and "
        "shown in the profiles, not in these charts.",
        "vi": "Thứ hạng và chỉ số lấy từ các bảng số liệu Liên hợp quốc công bố, chỉ chuẩn hóa định dạng, "
        "không thay đổi giá trị. Số liệu báo chí về cùng kỳ khảo sát được lưu kèm câu trích dẫn gốc và "
        "trình bày trong các trang hồ sơ chỉ số, không dùng trong các biểu đồ này.",
    },
    # --- 02 NDXP ------------------------------------------------------------------------------------
    "ndxp_title": {
        "en": "The National Data Exchange Platform (NDXP)",
        "vi": "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
    },
    "ndxp_lead": {
        "en": "The NDXP carries data between ministries, provinces and national databases. Its "
        "transaction count is the government's own measure of how much agencies share data instead of "
        "asking citizens for it again. This page shows the yearly totals and their growth, the January "
        "comparisons of monthly briefings, and the daily volume where a source gives one.",
        "vi": "NDXP kết nối, chia sẻ dữ liệu giữa các bộ, ngành, địa phương và các cơ sở dữ liệu quốc "
        "gia. Số giao dịch qua nền tảng là thước đo của chính Chính phủ về mức độ các cơ quan chia sẻ dữ "
        "liệu thay vì yêu cầu người dân cung cấp lại. Trang này trình bày tổng số giao dịch theo năm và "
        "mức tăng, số liệu tháng 1 so với cùng kỳ trong các buổi họp báo hằng tháng, và số giao dịch mỗi "
        "ngày khi nguồn có nêu.",
    },
    "ndxp_year_h": {"en": "Transactions per year", "vi": "Số giao dịch theo năm"},
    "ndxp_year_p": {
        "en": "Each year's total as the chosen source reports it; where sources differ, the table of "
        "disagreements below lists every figure.",
        "vi": "Tổng số giao dịch mỗi năm theo nguồn được chọn; khi các nguồn khác nhau, bảng bên dưới "
        "liệt kê mọi số liệu.",
    },
    "ndxp_january_h": {"en": "January against January", "vi": "Tháng 1 so với cùng kỳ"},
    "ndxp_january_p": {
        "en": "Monthly briefings compare January with the same month a year earlier.",
        "vi": "Các buổi họp báo hằng tháng so sánh tháng 1 với cùng kỳ năm trước.",
    },
    "ndxp_daily_h": {"en": "Transactions per day", "vi": "Số giao dịch mỗi ngày"},
    "disagree_h": {"en": "Where sources disagree", "vi": "Khi các nguồn không khớp"},
    "disagree_p": {
        "en": "Every figure for a date that has more than one value; the one the charts use is ticked.",
        "vi": "Mọi số liệu của những thời điểm có nhiều hơn một giá trị; giá trị dùng trong biểu đồ được "
        "đánh dấu.",
    },
    "claims_p": {
        "en": "Relative claims the sources made about these figures (“up 57%”), recomputed from the data.",
        "vi": "Các nhận định so sánh mà nguồn đưa ra về các số liệu này (“tăng 57%”), được tính lại từ "
        "dữ liệu.",
    },
    # --- 03 identity --------------------------------------------------------------------------------
    "identity_page_title": {
        "en": "Chip-based ID cards and VNeID accounts",
        "vi": "Thẻ căn cước gắn chip và tài khoản VNeID",
    },
    "identity_lead": {
        "en": "Đề án 06 builds Viet Nam's digital identity on two things: the chip-based citizen "
        "identity card (CCCD) and the VNeID electronic identification account, first approved, then "
        "activated by its holder. The figures are cumulative counts reported at dated conferences, so "
        "they are plotted at their dates.",
        "vi": "Đề án 06 xây dựng định danh số của Việt Nam trên hai nền tảng: thẻ căn cước công dân gắn "
        "chip (CCCD) và tài khoản định danh điện tử VNeID, được phê duyệt rồi do chính chủ kích hoạt. "
        "Các số liệu là số lũy kế được công bố tại các hội nghị có ngày cụ thể, nên được vẽ đúng theo "
        "ngày công bố.",
    },
    "identity_f_ratio": {
        "en": "{date}: {pct} accounts activated per 100 chip-based cards issued.",
        "vi": "{date}: cứ 100 thẻ gắn chip đã cấp thì có {pct} tài khoản đã kích hoạt.",
    },
    "identity_time_h": {"en": "Cards and accounts over time", "vi": "Thẻ và tài khoản theo thời gian"},
    "identity_yearend_h": {"en": "Year-end values", "vi": "Số liệu cuối năm"},
    "identity_yearend_p": {
        "en": "The last figure reported in each year, per series.",
        "vi": "Số liệu cuối cùng được công bố trong mỗi năm, theo từng chuỗi.",
    },
    "identity_activation_h": {"en": "Activation", "vi": "Tỷ lệ kích hoạt"},
    "identity_activation_p": {
        "en": "Accounts activated per card issued, on each date both are reported, in percent. Coverage "
        "of the whole population is not computed: the data holds no sourced population figure yet.",
        "vi": "Số tài khoản đã kích hoạt trên số thẻ đã cấp, tại mỗi thời điểm có cả hai số liệu, tính "
        "bằng phần trăm. Chưa tính tỷ lệ trên toàn dân số vì dữ liệu chưa có số liệu dân số có nguồn.",
    },
    # --- 10 indicator profile -----------------------------------------------------------------------
    "profile_lead": {
        "en": "Every figure of this series with its source and the sentence it was quoted from, its "
        "change from one figure to the next, and the claims made about it. Unit: {unit}.",
        "vi": "Mọi số liệu của chuỗi này kèm nguồn và câu trích dẫn gốc, mức thay đổi giữa các số liệu "
        "và các nhận định liên quan. Đơn vị: {unit}.",
    },
    "profile_series_h": {"en": "The series", "vi": "Chuỗi số liệu"},
    "profile_figures_h": {
        "en": "Every figure, its source and its quote",
        "vi": "Mọi số liệu, nguồn và trích dẫn",
    },
    "profile_growth_h": {"en": "Change on the previous figure", "vi": "Thay đổi so với số liệu trước"},
}


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("en" or "vi"); KeyError names a missing label."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return LABELS[key][lang]


# --- numbers ----------------------------------------------------------------------------------


def format_number(value: float, lang: str = "en", decimals: int | None = None, percent: bool = False) -> str:
    """Format for people: 1013000000 -> "1.0 bn" / "1,0 tỷ"; 76500000 -> "76.5 m" / "76,5 triệu";
    45500 -> "45,500" / "45.500"; 18.3 with ``percent`` -> "18.3%" / "18,3%"."""
    if lang not in numbers.CONVENTIONS:
        raise ValueError(f"lang must be 'en' or 'vi', not {lang!r}")
    return numbers.write(value, numbers.CONVENTIONS[lang], decimals=decimals, percent=percent)


def meta(indicator: str, lang: str) -> dict:
    """An indicator's name, unit, short unit and kind in ``lang``, from the data dictionary."""
    row = validate().indicators[indicator]
    return {
        "name": row[f"name_{lang}"],
        "unit": row[f"unit_{lang}"],
        "short": row[f"short_unit_{lang}"],
        "kind": row["kind"],
    }


def fmt(value: float, indicator: str, lang: str) -> str:
    """A value formatted for its indicator's kind: ranks whole, indices 3 decimals, shares in %."""
    kind = meta(indicator, lang)["kind"]
    if kind == "rank":
        return f"{value:.0f}"
    if kind == "index":
        return format_number(value, lang, decimals=3)
    if kind in ("share", "rate"):
        return format_number(value, lang, percent=True, decimals=None if value % 1 else 0)
    return format_number(value, lang)


def tick_format(indicator: str, lang: str) -> Callable[[float], str]:
    """How an axis of ``indicator`` labels its ticks."""
    kind = meta(indicator, lang)["kind"]
    if kind in ("share", "rate"):
        return lambda v: format_number(v, lang, percent=True, decimals=0 if float(v).is_integer() else 1)
    decimals = {"index": 2, "rank": 0}.get(kind)
    return lambda v: format_number(v, lang, decimals=decimals)


# --- dates, ordinals and change in natural units ------------------------------------------------

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


def month_year(date: str, lang: str) -> str:
    """A date's month and year: "2023-12-31" -> "Dec 2023" / "12/2023"."""
    _check(lang)
    year, month = int(date[:4]), int(date[5:7])
    return f"{MONTHS_EN[month - 1]} {year}" if lang == "en" else f"{month:02d}/{year}"


def when(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time as a label: its year, or the month and year of its date; with the period it
    covers (``figures.period``), a quarter "Q1 2022" / "quý 1/2022", a half "H1 2025" /
    "6 tháng đầu 2025", a year to date "Jan–Sep 2022" / "1–9/2022"."""
    _check(lang)
    if not date:
        return str(int(year))
    y, m = int(date[:4]), int(date[5:7])
    if period == "quarter":
        q = (m - 1) // 3 + 1
        return f"Q{q} {y}" if lang == "en" else f"quý {q}/{y}"
    if period == "half":
        h = 1 if m <= 6 else 2
        return f"H{h} {y}" if lang == "en" else f"6 tháng {'đầu' if h == 1 else 'cuối'} {y}"
    if period == "year_to_date" and m > 1:
        return f"Jan–{MONTHS_EN[m - 1]} {y}" if lang == "en" else f"1–{m}/{y}"
    return month_year(date, lang)


def at(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time in a sentence: "in 2024" / "năm 2024", "in Dec 2023" / "tháng 12/2023"."""
    _check(lang)
    label = when(year, date, lang, period)
    if lang == "en":
        return f"in {label}"
    if not date:
        return f"năm {label}"
    return label if period in ("quarter", "half", "year_to_date") else f"tháng {label}"


def bracketed(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time in a title's "from X (t0) to Y (t1)": "in 2022" in English, where the time
    follows the value; "08/2022" in Vietnamese, where the template puts it in brackets."""
    return at(year, date, lang, period) if lang == "en" else when(year, date, lang, period)


def since(year: int, date: str, lang: str, period: str = "") -> str:
    """The comparison named: "since 2022" / "so với năm 2022"."""
    _check(lang)
    if lang == "en":
        return f"since {when(year, date, lang, period)}"
    return f"so với {at(year, date, lang, period)}"


def ordinal(n: int, lang: str) -> str:
    """71 -> "71st" / "thứ 71"."""
    _check(lang)
    n = int(n)
    if lang == "vi":
        return f"thứ {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def places(n: int, lang: str) -> str:
    """15 -> "15 places" / "15 bậc"; 1 -> "1 place"."""
    _check(lang)
    n = int(n)
    return f"{n} {'place' if n == 1 else 'places'}" if lang == "en" else f"{n} bậc"


MULTIPLE_FROM = 3.0  # a count that grew at least this many times is said as a multiple ("17x")
MINUS = "\u2212"


def _signed(text: str, d: float) -> str:
    return ("+" if d > 0 else MINUS if d < 0 else "") + text


def change_value(old: float, new: float, kind: str, lang: str) -> str:
    """The change from ``old`` to ``new`` in the natural unit of ``kind``, without its date:

    ranks in places ("up 15 places" / "tăng 15 bậc", 1 = best), shares and rates in percentage points
    ("+4.0 pp" / "+4,0 điểm %"), indices in index points ("+0.093"), counts as multiples when they
    grew ``MULTIPLE_FROM`` times or more ("17x" / "gấp 17 lần"), else in percent ("+57%")."""
    _check(lang)
    d = new - old
    if kind == "rank":
        moved = int(round(abs(d)))
        if not moved:
            return "unchanged" if lang == "en" else "không đổi"
        up = d < 0  # a smaller rank is better
        word = ("up" if up else "down") if lang == "en" else ("tăng" if up else "giảm")
        return f"{word} {places(moved, lang)}"
    if kind in ("share", "rate"):
        unit = "pp" if lang == "en" else "điểm %"
        return _signed(f"{format_number(abs(d), lang, decimals=1)} {unit}", d)
    if kind == "index":
        return _signed(format_number(abs(d), lang, decimals=3), d)
    if old > 0 and new / old >= MULTIPLE_FROM:
        r = new / old
        text = format_number(r, lang, decimals=0 if r >= 10 else 1)
        return f"{text}x" if lang == "en" else f"gấp {text} lần"
    if not old:
        return _signed(format_number(abs(d), lang), d)
    pct = d / old * 100
    return _signed(format_number(abs(pct), lang, percent=True, decimals=0 if abs(pct) >= 10 else 1), pct)


def change(old: float, new: float, kind: str, lang: str, year: int, date: str = "", period: str = "") -> str:
    """:func:`change_value` with the comparison date named: "up 15 places since 2022",
    "+4.0 pp since Dec 2022", "17x since 2021" / "tăng 15 bậc so với năm 2022"."""
    return f"{change_value(old, new, kind, lang)} {since(year, date, lang, period)}"


COUNTRIES: dict[str, dict[str, str]] = {
    "BRN": {"en": "Brunei", "vi": "Brunei"},
    "KHM": {"en": "Cambodia", "vi": "Campuchia"},
    "IDN": {"en": "Indonesia", "vi": "Indonesia"},
    "LAO": {"en": "Laos", "vi": "Lào"},
    "MYS": {"en": "Malaysia", "vi": "Malaysia"},
    "MMR": {"en": "Myanmar", "vi": "Myanmar"},
    "PHL": {"en": "Philippines", "vi": "Philippines"},
    "SGP": {"en": "Singapore", "vi": "Singapore"},
    "THA": {"en": "Thailand", "vi": "Thái Lan"},
    "TLS": {"en": "Timor-Leste", "vi": "Timor-Leste"},
    "VNM": {"en": "Viet Nam", "vi": "Việt Nam"},
}


def country(iso3: str, lang: str) -> str:
    """A country's short name in ``lang``; the UN's name for one not listed in :data:`COUNTRIES`."""
    _check(lang)
    if iso3 in COUNTRIES:
        return COUNTRIES[iso3][lang]
    return validate().un.countries.get(iso3, iso3)


# Chart sentences: titles that state the finding, subtitles with unit and period.
CHART_TEXT: dict[str, dict[str, str]] = {
    "rank_up": {
        "en": "{who} rose {places} to {ordinal} {at}",
        "vi": "{who} tăng {places}, lên {ordinal} {at}",
    },
    "rank_down": {
        "en": "{who} fell {places} to {ordinal} {at}",
        "vi": "{who} giảm {places}, xuống {ordinal} {at}",
    },
    "rank_same": {"en": "{who} held {ordinal} place {at}", "vi": "{who} giữ vị trí {ordinal} {at}"},
    "rank_one": {"en": "{who} ranked {ordinal} {at}", "vi": "{who} xếp {ordinal} {at}"},
    "rose": {
        "en": "{name} rose from {first} {t0} to {last} {t1}",
        "vi": "{name} tăng từ {first} ({t0}) lên {last} ({t1})",
    },
    "fell": {
        "en": "{name} fell from {first} {t0} to {last} {t1}",
        "vi": "{name} giảm từ {first} ({t0}) xuống {last} ({t1})",
    },
    "flat": {
        "en": "{name} stayed at {last} from {t0} to {t1}",
        "vi": "{name} giữ mức {last} từ {t0} đến {t1}",
    },
    "one": {"en": "{name}: {last} {t1}", "vi": "{name}: {last} ({t1})"},
    "crossed": {
        "en": "Viet Nam's EGDI reached 'very high' ({threshold} or more) {at}",
        "vi": "EGDI của Việt Nam đạt mức 'rất cao' (từ {threshold}) {at}",
    },
    "peers": {
        "en": "{at_cap} {who} ranked {ordinal} of {surveyed}, {position} of the {n} countries shown",
        "vi": "{at_cap}, {who} xếp {ordinal}/{surveyed}, {position} trong {n} nước được so sánh",
    },
    "improved": {
        "en": "{k} of {n} series improved on their previous figure",
        "vi": "{k}/{n} chuỗi số liệu cải thiện so với số liệu trước đó",
    },
    "one_best": {"en": "1 = best", "vi": "1 = cao nhất"},
    "survey_years": {"en": "UN survey years {t0}–{t1}", "vi": "các năm khảo sát LHQ {t0}–{t1}"},
    "period": {"en": "{t0}–{t1}", "vi": "{t0}–{t1}"},
    "components": {
        "en": "The EGDI is the mean of its three components; index from 0 to 1",
        "vi": "EGDI là trung bình của ba chỉ số thành phần; chỉ số từ 0 đến 1",
    },
    "very_high_line": {"en": "'very high' from {threshold}", "vi": "mức 'rất cao' từ {threshold}"},
    "target": {"en": "target {year}", "vi": "mục tiêu {year}"},
    "own_units_period": {
        "en": "each panel in its own unit, {t0}–{t1}",
        "vi": "mỗi ô một đơn vị riêng, {t0}–{t1}",
    },
    "no_figure": {"en": "no figure in the years shown", "vi": "không có số liệu trong các năm đã chọn"},
}


_INSTRUMENTS = (  # (pattern, en, vi): how a chart label names the instrument that set a target
    (r"^MIC action plan for Decision (\d+)", "MIC plan for Decision {0}", "KH của Bộ TT&TT theo QĐ {0}"),
    (r"^Decision (\d+)/QĐ-TTg", "Decision {0}", "QĐ {0}"),
    (r"^Resolution (\d+)/NQ-CP", "Resolution {0}", "NQ {0}"),
    (r"^National Committee on Digital Transformation", "National DX Committee", "UB quốc gia về CĐS"),
)


def short_instrument(instrument: str, lang: str) -> str:
    """A target's instrument as a chart label names it: "Decision 749/QĐ-TTg (2020)" ->
    "Decision 749" / "QĐ 749"; "" for one the table does not know (no English on a vi chart)."""
    for pattern, en, vi in _INSTRUMENTS:
        m = re.match(pattern, instrument)
        if m:
            return (en if lang == "en" else vi).format(*m.groups())
    return ""


def chart_text(key: str, lang: str, **facts) -> str:
    """A chart sentence in ``lang`` with ``facts`` filled in."""
    _check(lang)
    return CHART_TEXT[key][lang].format(**facts)


# --- sources ----------------------------------------------------------------------------------


def publisher_name(publisher: str) -> str:
    """The outlet's name as published, without the curators' English description of whom it cites
    ("Thanh Niên (citing C06, ...)" -> "Thanh Niên"; "SGGP News (English), citing ..." -> "SGGP News")."""
    return re.split(r" \(|, (?:citing|a copy|reporting) ", publisher, maxsplit=1)[0].strip()


# Publishers the data names by an English description rather than a published name: what a
# Vietnamese page calls them (outlets' own names, English or not, stay as published).
PUBLISHERS_VI = {
    "Unnamed outlet": "Một tờ báo không rõ tên",
    "Bà Rịa - Vũng Tàu provincial portal": "Cổng thông tin điện tử tỉnh Bà Rịa - Vũng Tàu",
    "Quảng Nam provincial portal": "Cổng thông tin điện tử tỉnh Quảng Nam",
    "Cần Thơ city administrative reform portal": "Cổng thông tin cải cách hành chính TP Cần Thơ",
    "Ministry of Information and Communications": "Bộ Thông tin và Truyền thông",
    "United Nations Department of Economic and Social Affairs": "Vụ Kinh tế và Xã hội Liên Hợp Quốc (UN DESA)",
    "Da Nang Investment Promotion Agency": "Trung tâm Xúc tiến Đầu tư Đà Nẵng",
}


def outlet(publisher: str, lang: str) -> str:
    """The outlet's name in ``lang``: as published, or its Vietnamese name on Vietnamese pages when
    the data describes it in English (``PUBLISHERS_VI``)."""
    name = publisher_name(publisher)
    return name if lang == "en" else PUBLISHERS_VI.get(name, name)


def publisher_label(publisher: str, lang: str) -> str:
    """A publisher in a page's list of sources: with the curators' (English) description on English
    pages, the :func:`outlet` alone on others."""
    return publisher if lang == "en" else outlet(publisher, lang)


def source_name(source_id: str, lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source as people cite it: its :func:`outlet` and publication date."""
    src = validate(data_dir).sources[source_id]
    publisher = outlet(src["publisher"], lang)
    return f"{publisher}, {src['published']}" if src["published"] else publisher


def cite(source_ids: Iterable[str], lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source line built from sources.csv: publishers and titles, never typed by hand."""
    ds = validate(data_dir)
    ids = list(dict.fromkeys(source_ids))
    un = sorted({ds.sources[s]["published"][:4] for s in ids if ds.sources[s]["kind"] == "un_survey"})
    parts = [t("un_survey", lang).format(years=", ".join(un))] if un else []
    parts += [source_name(s, lang, data_dir) for s in ids if ds.sources[s]["kind"] != "un_survey"]
    return f"{t('sources' if len(parts) > 1 else 'source', lang)}: " + "; ".join(parts)


# --- sentences: the grammar of facts in each language -----------------------------------------------

LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt"}
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def text(key: str, lang: str, **facts) -> str:
    """The string ``key`` in ``lang`` with ``facts`` filled in (``{name}`` placeholders)."""
    s = t(key, lang)
    return s.format(**facts) if facts else s


def date_text(date: str, lang: str) -> str:
    """An ISO date (or year-month, or year) for people: "31 Dec 2023" / "31/12/2023"."""
    parts = [int(p) for p in str(date).split("-") if p]
    if len(parts) == 3:
        y, m, d = parts
        return f"{d} {MONTHS_SHORT[m - 1]} {y}" if lang == "en" else f"{d}/{m}/{y}"
    if len(parts) == 2:
        y, m = parts
        return f"{MONTHS_SHORT[m - 1]} {y}" if lang == "en" else f"{m}/{y}"
    return str(date)


def seconds(value: float, lang: str) -> str:
    return t("seconds", lang).format(n=format_number(value, lang, decimals=1))


def change_phrase(kind: str, before: float, after: float, lang: str) -> str:
    """A change in its natural unit: places for ranks ("up 15 places"), percentage points for shares,
    the difference for indices, a multiple for large ratios ("17 times") and percent otherwise."""
    if kind == "rank":
        gained = round(before - after)
        if gained == 0:
            return t("unchanged", lang)
        return t("up_places" if gained > 0 else "down_places", lang).format(n=abs(gained))
    diff = after - before
    if diff == 0:
        return t("unchanged", lang)
    key = "up" if diff > 0 else "down"
    if kind in ("share", "rate"):
        return t(f"{key}_points", lang).format(n=format_number(abs(diff), lang, decimals=1))
    if kind == "index":
        return t(f"{key}_by", lang).format(n=format_number(abs(diff), lang, decimals=3))
    if before > 0 and after / before >= 3:
        x = after / before
        return t("times", lang).format(n=format_number(x, lang, decimals=0 if x >= 10 else 1))
    if before == 0:
        return t(f"{key}_by", lang).format(n=format_number(abs(diff), lang))
    return t(f"{key}_pct", lang).format(
        n=format_number(
            abs(diff / before * 100), lang, decimals=0 if abs(diff / before) >= 0.1 else 1, percent=True
        )
    )


def change_short(kind: str, before: float, after: float, lang: str) -> str:
    """A change for a table cell, in its natural unit: "+15 places", "+1.8 pp", "+57%", "17×"."""
    if kind == "rank":
        gained = round(before - after)
        return f"{gained:+d} {t('places', lang)}".replace("-", "−") if gained else "="
    diff = after - before
    if diff == 0:
        return "="
    sign = "+" if diff > 0 else "−"
    if kind in ("share", "rate"):
        return f"{sign}{format_number(abs(diff), lang, decimals=1)} {t('points', lang)}"
    if kind == "index":
        return f"{sign}{format_number(abs(diff), lang, decimals=3)}"
    if before > 0 and after / before >= 3:
        x = after / before
        return t("times_short", lang).format(n=format_number(x, lang, decimals=0 if x >= 10 else 1))
    if before == 0:
        return f"{sign}{format_number(abs(diff), lang)}"
    pct = abs(diff / before * 100)
    return f"{sign}{format_number(pct, lang, decimals=0 if pct >= 10 else 1, percent=True)}"


_EXPLAIN = (
    (r"no (\w+) figure for (.+)", "why_no_figure"),
    (r"already (.+) in (\d{4})", "why_already"),
    (r"no UN (.+) table for (\d{4})", "why_no_table"),
    (r"the quantity it is a share of is not in the data", "why_share_of"),
    (r"division by zero", "why_zero"),
    (r"within 10% of the stated number \(press rounding\)", "why_loose"),
    (r"no (\w+) target of (.+) in targets\.csv", "why_no_target"),
    (r"a position in a ranking whose data \(the other countries' values\) is not held", "why_external"),
)


def explain(why: str, lang: str) -> str:
    """Why a claim could not be checked, or failed, in ``lang`` (the claims module states it in
    English with indicator ids; people get the indicator's name)."""
    import re

    for pattern, key in _EXPLAIN:
        m = re.fullmatch(pattern, why)
        if m:
            args = list(m.groups())
            if key in ("why_no_figure", "why_no_target"):
                with contextlib.suppress(KeyError):
                    args[0] = meta(args[0], lang)["name"]
                args[1] = args[1].replace(" and ", " " + t("and", lang) + " ")
            return t(key, lang).format(*args)
    return why


def citation(lang: str, title: str, version: str, data_version: str, date: str, address: str) -> str:
    """How to cite a page or a chart: site, title, version, data version, date, address."""
    return text(
        "citation" if title else "citation_site",
        lang,
        site=t("site_title", lang),
        title=title,
        version=version,
        data_version=data_version,
        date=date,
        address=address,
    ).strip()
