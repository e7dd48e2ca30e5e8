"""Writes the made_up4 probe documents (PDFs through Chromium, Word files through python-docx, text and Markdown)
into docs/.

The generated files are committed; run this only to regenerate them:

    .venv/bin/python benchmarks/made_up4/make_docs.py

Every city, person, organisation and country here is invented. The set was written blind: without reading the
answer engine or earlier sets' failures.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/made_up_docs.py
from made_up_docs import print_pdfs, word_table

DOCS = Path(__file__).resolve().parent / "docs"
CSS = """
body { font-family: 'DejaVu Serif', 'Noto Sans Thai', serif; font-size: 12pt; line-height: 1.5; margin: 0; }
body.th { font-family: 'Garuda', 'Noto Sans Thai', sans-serif; font-size: 13pt; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 13.5pt; margin-top: 16pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 10.5pt; }
td, th { border: 1px solid #444; padding: 3pt 5pt; text-align: left; vertical-align: top; }
.page { page-break-after: always; } .sig td { border: none; width: 50%; padding-top: 28pt; }
.centre { text-align: center; } .num { text-align: right; }
"""

ADDENDUM = """
<div class="page">
<h1>ADDENDUM No. 1<br>TO THE MEMORANDUM OF UNDERSTANDING ON FRIENDSHIP-CITY COOPERATION<br>BETWEEN<br>
THE PHANOMKARN METROPOLITAN ADMINISTRATION<br>AND<br>THE CITY OF BREVANA, REPUBLIC OF LUSARNIA</h1>
<p>The Phanomkarn Metropolitan Administration and the City of Brevana, Republic of Lusarnia (hereinafter "the
Parties");</p>
<p>Recalling the Memorandum of Understanding on Friendship-City Cooperation signed at Phanomkarn on 8 March 2020 (the
"Memorandum"), which was concluded for a term of five years and expires on 7 March 2025;</p>
<p>Noting with satisfaction that under the Memorandum the Parties exchanged 64 officials and students and carried out
seven joint projects, including the Brevana-Phanomkarn canal cleaning pilot;</p>
<p>Wishing to continue and widen their cooperation;</p>
<p>Have agreed as follows:</p>
<h2>Article 1 - Renewal</h2>
<p>The Memorandum is renewed for a further term of four (4) years, from 8 March 2025 to 7 March 2029. It may be renewed
again by an exchange of letters.</p>
<h2>Article 2 - Areas of Cooperation</h2>
<p>Article 2 of the Memorandum is amended as follows:</p>
<p>(a) Paragraph (c), on the exchange of secondary school teachers, is replaced by: "(c) vocational education and
apprenticeships".<br>
(b) Two new areas of cooperation are added: "(f) flood management and urban drainage" and "(g) digital public
services".</p>
<p>The other areas of cooperation, namely (a) culture and the arts, (b) tourism promotion, (d) public health and
(e) environmental protection, remain unchanged.</p>
</div>
<div>
<h2>Article 3 - Coordinating Units</h2>
<p>The coordinating unit of the Phanomkarn Metropolitan Administration shall be the International Cooperation Division
of the Office of the Permanent Secretary, which replaces the former Foreign Relations Section. The coordinating unit of
the City of Brevana remains the Department of External Relations.</p>
<h2>Article 4 - Joint Working Group</h2>
<p>The Joint Working Group established under Article 5 of the Memorandum shall meet once a year instead of once every
two years. Meetings shall be held alternately online and in person.</p>
<h2>Article 5 - Scholarships</h2>
<p>The City of Brevana shall offer up to ten (10) scholarships each year for students from Phanomkarn to study at the
Brevana Polytechnic Institute. Each scholarship covers tuition fees and a monthly allowance of 650 lusars for up to
two academic years. The Phanomkarn Metropolitan Administration shall bear the cost of the students' air travel.</p>
<h2>Article 6 - Other Provisions</h2>
<p>All other provisions of the Memorandum remain unchanged and in force. This Addendum forms an integral part of the
Memorandum and enters into force on 8 March 2025.</p>
<p>Signed at Brevana on 14 February 2025, in two originals in the English language.</p>
<table class="sig"><tr>
<td>For the Phanomkarn Metropolitan Administration<br><br>(signed)<br>Mr. Chatchawan Lertsiriwong<br>Governor of
Phanomkarn</td>
<td>For the City of Brevana<br><br>(signed)<br>Ms. Maelis Corveaux<br>Mayor of Brevana</td></tr>
<tr><td>Witness<br><br>(signed)<br>Mrs. Pimchanok Thanasombat<br>Director, International Cooperation Division</td>
<td></td></tr></table>
</div>
"""

BUDGET = """
<div class="page">
<h1>Phanomkarn Metropolitan Administration<br>International Cooperation Division<br>
Budget Plan, Fiscal Year 2026</h1>
<p class="centre">1 October 2025 - 30 September 2026</p>
<h2>1. Summary</h2>
<p>The International Cooperation Division has been allocated 64.3 million baht for fiscal year 2026, up from 57.9
million baht in fiscal year 2025. The largest programme is partner-city relations, with 28.7 million baht. The Division
has 31 posts, of which 4 are new posts for the agreement register and the Monsoon Cities Summit preparations.</p>
<p>The plan was approved by the Budget Committee of the Metropolitan Council on 19 September 2025.</p>
<h2>2. Budget by programme and activity</h2>
<table>
<tr><th>Programme</th><th>Activity</th><th>Unit</th><th>Quantity</th><th>Budget (million baht)</th></tr>
<tr><td>Partner-city relations</td><td>Receiving foreign delegations</td><td>delegations</td><td>120</td><td>11.4</td></tr>
<tr><td></td><td>Outgoing missions</td><td>missions</td><td>18</td><td>14.6</td></tr>
<tr><td></td><td>Friendship-city anniversary events</td><td>events</td><td>3</td><td>2.7</td></tr>
<tr><td>Networks and events</td><td>Monsoon Cities Network membership fee</td><td>fee</td><td>1</td><td>1.9</td></tr>
<tr><td></td><td>Foreign pavilions at the River Festival</td><td>pavilions</td><td>25</td><td>8.3</td></tr>
<tr><td>Capacity building</td><td>Young Ambassadors Programme</td><td>participants</td><td>40</td><td>6.2</td></tr>
<tr><td></td><td>Language training for city staff</td><td>staff</td><td>600</td><td>4.5</td></tr>
<tr><td></td><td>Hosting Brevana scholarship students</td><td>students</td><td>8</td><td>1.2</td></tr>
<tr><td>Digital and communications</td><td>Agreement register and website</td><td>system</td><td>1</td><td>3.1</td></tr>
<tr><td>Administration</td><td>Office running costs</td><td>year</td><td>1</td><td>10.4</td></tr>
<tr><td>Total</td><td></td><td></td><td></td><td>64.3</td></tr>
</table>
</div>
<div>
<h2>3. Foreign delegations received, fiscal years 2023-2025</h2>
<table>
<tr><th>Region of origin</th><th>FY2023</th><th>FY2024</th><th>FY2025</th></tr>
<tr><td>Asia</td><td>58</td><td>66</td><td>74</td></tr>
<tr><td>Europe</td><td>21</td><td>25</td><td>30</td></tr>
<tr><td>The Americas</td><td>9</td><td>11</td><td>12</td></tr>
<tr><td>Other regions</td><td>6</td><td>7</td><td>9</td></tr>
<tr><td>Total</td><td>94</td><td>109</td><td>125</td></tr>
</table>
<h2>4. Risks</h2>
<p>Exchange-rate changes may raise the cost of outgoing missions. If the Monsoon Cities Network raises its membership
fee, the increase will be met from the events programme.</p>
</div>
"""

THAI_MINUTES = """
<div>
<h1>รายงานการประชุมคณะทำงานความร่วมมือเมืองมิตรภาพพนมกาญจน์ - เบรวานา<br>ครั้งที่ ๒/๒๕๖๘</h1>
<p class="centre">วันพุธที่ ๒๓ กรกฎาคม ๒๕๖๘ เวลา ๑๓.๓๐ น.<br>ณ ห้องประชุมวิเทศสัมพันธ์ ชั้น ๕ ศาลาว่าการกรุงพนมกาญจน์</p>
<p><b>ผู้มาประชุม</b> ๑๔ คน โดยมีนางพิมพ์ชนก ธนสมบัติ ผู้อำนวยการกองความร่วมมือระหว่างประเทศ เป็นประธาน</p>
<p><b>เริ่มประชุมเวลา ๑๓.๓๐ น.</b></p>
<h2>ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ</h2>
<p>ประธานแจ้งว่า กรุงพนมกาญจน์และเมืองเบรวานาได้ลงนามในบันทึกเพิ่มเติมฉบับที่ ๑ เพื่อต่ออายุบันทึกความเข้าใจ
ว่าด้วยความร่วมมือเมืองมิตรภาพแล้ว เมื่อวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๘ ณ เมืองเบรวานา โดยมีผลใช้บังคับถึงวันที่ ๗ มีนาคม ๒๕๗๒</p>
<p>มติที่ประชุม รับทราบ</p>
<h2>ระเบียบวาระที่ ๒ รับรองรายงานการประชุมครั้งที่ ๑/๒๕๖๘</h2>
<p>ที่ประชุมรับรองรายงานการประชุมครั้งที่ ๑/๒๕๖๘ เมื่อวันที่ ๒๐ มีนาคม ๒๕๖๘ โดยไม่มีการแก้ไข</p>
<h2>ระเบียบวาระที่ ๓ เรื่องเพื่อพิจารณา</h2>
<p><b>๓.๑ ทุนการศึกษาสถาบันโปลีเทคนิคเบรวานา</b></p>
<p>ฝ่ายเลขานุการรายงานว่า เมืองเบรวานาเสนอทุนการศึกษาได้ไม่เกินปีละ ๑๐ ทุน ที่ประชุมพิจารณาแล้วเห็นว่า
ในรอบแรกควรคัดเลือกนักศึกษาจำนวน ๘ คน เนื่องจากงบประมาณค่าเดินทางมีจำกัด</p>
<p>มติที่ประชุม เห็นชอบให้คัดเลือกนักศึกษาจำนวน ๘ คน โดยเปิดรับสมัครถึงวันที่ ๓๑ สิงหาคม ๒๕๖๘
และมอบหมายให้สำนักการศึกษาเป็นผู้ดำเนินการคัดเลือก</p>
<p><b>๓.๒ โครงการแลกเปลี่ยนผู้เชี่ยวชาญด้านการระบายน้ำ</b></p>
<p>สำนักการระบายน้ำรายงานว่า เมืองเบรวานาจะส่งผู้เชี่ยวชาญด้านการระบายน้ำ ๓ คน มาปฏิบัติงานที่กรุงพนมกาญจน์
เป็นเวลา ๑๐ วัน ในเดือนพฤศจิกายน ๒๕๖๘ โดยกรุงพนมกาญจน์เป็นผู้รับผิดชอบค่าที่พักและค่าเดินทางภายในประเทศ
ประมาณการค่าใช้จ่าย ๔๕๐,๐๐๐ บาท</p>
<p>มติที่ประชุม เห็นชอบ และให้สำนักการระบายน้ำจัดทำแผนการดูงานเสนอภายในวันที่ ๓๐ กันยายน ๒๕๖๘</p>
<h2>ระเบียบวาระที่ ๔ เรื่องอื่น ๆ</h2>
<p>ที่ประชุมกำหนดการประชุมครั้งที่ ๓/๒๕๖๘ ในเดือนตุลาคม ๒๕๖๘ ในรูปแบบออนไลน์ร่วมกับฝ่ายเบรวานา</p>
<p><b>ปิดประชุมเวลา ๑๕.๔๕ น.</b></p>
<p>นายธนากร รุจิรวัฒน์ ผู้จดรายงานการประชุม<br>นางพิมพ์ชนก ธนสมบัติ ผู้ตรวจรายงานการประชุม</p>
</div>
"""


def _pdfs() -> None:
    print_pdfs(DOCS, CSS, [
        ("addendum-phanomkarn-brevana-2025.pdf", "Addendum No. 1 MOU Phanomkarn Brevana", ADDENDUM, ""),
        ("icd-budget-plan-fy2026.pdf", "International Cooperation Division Budget Plan FY2026", BUDGET, ""),
        ("th-minutes-brevana-working-group-2-2568.pdf", "รายงานการประชุมคณะทำงานพนมกาญจน์-เบรวานา ครั้งที่ ๒/๒๕๖๘",
         THAI_MINUTES, "th")])


def _visit_report() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Report of the Phanomkarn Delegation Visit to Kaldemir, Republic of Askaria", 0)
    d.add_paragraph("16-21 September 2025")
    d.add_heading("1. Delegation", 1)
    d.add_paragraph("The delegation was led by Mr. Songpol Athiwat, Deputy Governor of Phanomkarn, and had 11 members "
                    "from five departments: the International Cooperation Division, the Drainage and Sewerage "
                    "Department, the Traffic and Transport Department, the Environment Department and the Culture and "
                    "Tourism Department.")
    d.add_heading("2. Purpose", 1)
    d.add_paragraph("The visit answered an invitation from the City of Kaldemir to the Kaldemir Water Week 2025. Its "
                    "purposes were to learn from Kaldemir's flood defences and to explore the establishment of "
                    "friendship-city relations between Phanomkarn and Kaldemir.")
    d.add_heading("3. Programme", 1)
    word_table(d, [
        ("Date", "Activity"),
        ("17 September 2025", "Courtesy call on Mr. Darius Velkov, Mayor of Kaldemir, at Kaldemir City Hall"),
        ("18 September 2025", "Visit to the Ostra Flood Barrier and the Kaldemir Flood Forecasting Centre"),
        ("19 September 2025", "Deputy Governor Songpol Athiwat spoke on the panel 'Cities against floods' at the "
                              "Kaldemir Water Week"),
        ("20 September 2025", "Visit to the Kaldemir Metro operations control centre"),
    ])
    d.add_heading("4. Outcomes", 1)
    for item in ("The two cities agreed to draft a letter of intent on friendship-city relations, to be signed by "
                 "March 2026.",
                 "Kaldemir offered four places for Phanomkarn engineers on its flood-modelling course in May 2026.",
                 "Kaldemir Metro agreed to share its study on integrated fares with the Traffic and Transport "
                 "Department."):
        d.add_paragraph(item, style="List Number")
    d.add_heading("5. Follow-up actions", 1)
    word_table(d, [
        ("Action", "Responsible unit", "Deadline"),
        ("Draft the letter of intent and send it to Kaldemir", "International Cooperation Division",
         "31 January 2026"),
        ("Nominate four engineers for the flood-modelling course", "Drainage and Sewerage Department",
         "15 February 2026"),
        ("Invite the Mayor of Kaldemir to the Phanomkarn International River Festival",
         "Culture and Tourism Department", "30 October 2025"),
    ])
    d.add_heading("6. Cost", 1)
    d.add_paragraph("The visit cost 1,870,000 baht, charged to the outgoing missions budget of fiscal year 2025. The "
                    "City of Kaldemir paid for local transport and the delegation's meals during the Water Week.")
    d.add_paragraph("Prepared by Mr. Thanakorn Rujirawat, Foreign Relations Officer, International Cooperation "
                    "Division, 3 October 2025.")
    d.save(str(DOCS / "visit-report-kaldemir-2025.docx"))


def _young_ambassadors_2025() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Phanomkarn Young Ambassadors Programme 2025 - Final Report", 0)
    d.add_paragraph("Fifth edition. International Cooperation Division, Phanomkarn Metropolitan Administration. "
                    "Issued 29 August 2025.")
    d.add_heading("Overview", 1)
    d.add_paragraph("The Young Ambassadors Programme sends young residents of Phanomkarn aged 18 to 24 to live and "
                    "work for a few weeks in a partner city. The 2025 edition ran for four weeks, from 30 June to "
                    "27 July 2025. Forty participants were selected from 515 applicants.")
    d.add_paragraph("The programme manager in 2025 was Mr. Pakorn Chaiyawat.")
    d.add_heading("Host cities", 1)
    word_table(d, [
        ("Host city", "Country", "Participants"),
        ("Brevana", "Lusarnia", "10"),
        ("Telvaro", "Corsena", "8"),
        ("Ostmere", "Halvenia", "8"),
        ("Varkand", "Drussia", "7"),
        ("Kaldemir", "Askaria", "7"),
    ])
    d.add_paragraph("Kaldemir hosted participants for the first time in 2025.")
    d.add_heading("Budget and results", 1)
    d.add_paragraph("The 2025 edition cost 6.0 million baht. In the end-of-programme survey, 94 percent of "
                    "participants rated the programme good or excellent. For the first time, participants completed "
                    "a 20-hour online pre-departure course on the culture and public services of their host city.")
    d.add_paragraph("The alumni network of the programme now has 168 members.")
    d.add_heading("Lessons learned", 1)
    for item in ("Host families should be confirmed at least eight weeks before departure.",
                 "Participants asked for more time in city departments and less time in lectures.",
                 "Travel insurance should be bought through one provider for all participants."):
        d.add_paragraph(item, style="List Bullet")
    d.save(str(DOCS / "young-ambassadors-report-2025.docx"))


YA_2024 = """# Phanomkarn Young Ambassadors Programme 2024 - Final Report

Fourth edition. International Cooperation Division, Phanomkarn Metropolitan Administration. Issued 30 August 2024.

## Overview

The Young Ambassadors Programme sends young residents of Phanomkarn aged 18 to 24 to live and work for a few weeks in
a partner city. The 2024 edition ran for three weeks, from 1 to 21 July 2024. Thirty-two participants were selected
from 410 applicants.

The programme manager in 2024 was Ms. Nalinee Sangthong.

## Host cities

| Host city | Country | Participants |
|---|---|---|
| Brevana | Lusarnia | 8 |
| Telvaro | Corsena | 7 |
| Ostmere | Halvenia | 6 |
| Varkand | Drussia | 6 |
| Sel Amaro | Quintara | 5 |

## Budget and results

The 2024 edition cost 4.8 million baht. In the end-of-programme survey, 91 percent of participants rated the programme
good or excellent.

## Lessons learned

- Visa applications for Varkand took up to seven weeks; they should start at least ten weeks before departure.
- Participants placed in Sel Amaro asked for a local mentor in each host department.
- The closing ceremony should be held in Phanomkarn so that families can attend.
"""

DECLARATION = """MONSOON CITIES NETWORK

DUNMARRA DECLARATION

Adopted at the 9th Monsoon Cities Summit
Dunmarra, Republic of Teravia, 4-6 November 2025


We, the mayors and governors of the member cities of the Monsoon Cities Network, meeting in Dunmarra for the 9th
Monsoon Cities Summit under the chairmanship of Mr. Callum Ferriday, Mayor of Dunmarra and Chair of the Network for
2025-2027,

Recognising that floods and heavy rain caused more than 2,100 deaths and losses of 9.6 billion US dollars in member
cities in 2024;

Recalling the Network's founding charter signed in Sarnaveth in 2009;

Welcoming the admission of Phanomkarn and Ysolde Bay as members, which brings the Network to 29 member cities in 10
countries;

Commit to the following:

1. Halve flood-related deaths in our cities by 2035, compared with the level of 2020.

2. Publish a city flood-risk map, open to the public, by the end of 2027.

3. Establish the Monsoon Cities Data Hub, hosted by the City of Sarnaveth, to share rainfall and river-level data
between member cities in real time.

4. Train 5,000 municipal staff in disaster response by 2030.

5. Protect or restore at least 50 hectares of wetland in each member city by 2030.

6. Create the Monsoon Resilience Fund with initial capital of 40 million US dollars: 30 million US dollars from the
Asterion Foundation and 10 million US dollars from member cities.

7. Report on progress against these commitments every two years through the Network Secretariat.

8. Hold the 10th Monsoon Cities Summit in Phanomkarn in 2027.


Done at Dunmarra on 6 November 2025.

Network Secretariat: Ms. Teodora Lindqvist-Amari, Secretary General, Monsoon Cities Network, Sarnaveth.
"""

SPEECH = """# Opening speech by the Governor of Phanomkarn at the 12th Phanomkarn International River Festival

*Mr. Chatchawan Lertsiriwong, Governor of Phanomkarn. Riverside Plaza, Phanomkarn, 28 November 2025, 18:00.*

Excellencies, distinguished guests from our partner cities, ladies and gentlemen,

Good evening, and welcome to the 12th Phanomkarn International River Festival.

Tonight we welcome delegations from 19 cities in 11 countries. For ten days, from 28 November to 7 December 2025, our
riverbank will host 25 foreign pavilions, boat parades every evening and a floating market where our partner cities
sell their own crafts and food. Last year the festival drew 1.3 million visitors; this year we hope to welcome more.

I want to thank the City of Brevana, which has sent its famous lantern boat for the first time. Brevana renewed its
friendship with Phanomkarn this year, and I am glad to see that friendship on the water tonight.

This year we also open the Partner Cities Walk: 2.4 kilometres of riverside path with 16 stations, one for each of
our partner cities. Each station tells the story of a partnership and of what our cities have learned from each other.

I have one more announcement. Phanomkarn has just joined the Monsoon Cities Network, and we will host the 10th Monsoon
Cities Summit in 2027. Cities that live with great rivers and heavy rains must learn together, and we are proud to
welcome them here.

Let the river connect us. I declare the 12th Phanomkarn International River Festival open.

Thank you.
"""

FAQ = """# Official travel abroad: how to request approval

Frequently asked questions. International Cooperation Division, Phanomkarn Metropolitan Administration. Revised
1 October 2025.

## Who must request approval?

Every official of the Administration who travels abroad on duty must have approval before departure. This includes
trips paid for by a foreign host or an international organisation.

## How far in advance must I submit my request?

Submit Form IC-7 to the International Cooperation Division at least 30 working days before departure. If the trip is
led by the Governor or a Deputy Governor, submit it at least 45 working days before departure.

## Which documents do I need?

- Form IC-7, signed by the head of your department
- The invitation letter from the host
- The draft programme of the trip
- A cost estimate showing who pays for each item

## What are the steps?

1. Your department prepares Form IC-7 and the supporting documents.
2. Your department sends the request to the International Cooperation Division through the e-Saraban system.
3. The International Cooperation Division checks the request within 5 working days and asks for any missing documents.
4. The request goes to the approving authority.
5. The approval letter is sent to your department.
6. Within 30 days of your return, you send a trip report to the International Cooperation Division.

## Who approves the trip?

The Permanent Secretary approves trips of up to 7 days with no more than 5 officials. Longer trips, or trips with more
than 5 officials, are approved by the Governor.

## Do I need an official passport?

Yes. Request an official passport through the Protocol Section at least 20 working days before departure. Return it
to the Protocol Section within 7 days of your return.

## What about daily allowances?

Daily allowance rates are set by the Finance Department. The International Cooperation Division does not set them.

## What if I receive a gift abroad?

Declare any gift worth more than 3,000 baht to the International Cooperation Division within 30 days of your return.

## Whom do I contact?

The travel desk of the International Cooperation Division: telephone extension 4417, travel@phanomkarn.example.
"""


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    _pdfs()
    _visit_report()
    _young_ambassadors_2025()
    for name, text in (("young-ambassadors-report-2024.md", YA_2024),
                       ("mcn-dunmarra-declaration-2025.txt", DECLARATION),
                       ("speech-governor-river-festival-2025.md", SPEECH),
                       ("faq-official-travel-abroad.md", FAQ)):
        (DOCS / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
