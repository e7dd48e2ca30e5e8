"""Writes the made_up3 probe documents (PDFs through Chromium, Word files through python-docx) into docs/.

The generated files are committed; run this only to regenerate them:

    .venv/bin/python benchmarks/made_up3/make_docs.py

Every city, person, organisation and country here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/made_up_docs.py
from made_up_docs import print_pdfs, word_table

DOCS = Path(__file__).resolve().parent / "docs"
CSS = """
body { font-family: 'DejaVu Serif', serif; font-size: 12.5pt; line-height: 1.5; margin: 0; }
h1 { font-size: 17pt; text-align: center; } h2 { font-size: 14pt; margin-top: 18pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 11pt; }
td, th { border: 1px solid #444; padding: 4pt 6pt; text-align: left; vertical-align: top; }
.page { page-break-after: always; } .sig td { border: none; width: 50%; padding-top: 30pt; }
.centre { text-align: center; }
"""

MOU = """
<div class="page">
<h1>MEMORANDUM OF UNDERSTANDING<br>ON THE ESTABLISHMENT OF SISTER-CITY RELATIONS<br>BETWEEN<br>
THE CHANTHARA METROPOLITAN ADMINISTRATION<br>AND<br>THE CITY OF VELMORA, REPUBLIC OF VALDESIA</h1>
<p>The Chanthara Metropolitan Administration and the City of Velmora, Republic of Valdesia (hereinafter referred to
individually as "a Party" and collectively as "the Parties");</p>
<p>Recognising the friendship between the peoples of the two cities since the first visit of a Velmora trade mission
to Chanthara in 2011;</p>
<p>Sharing the view that cities in warm coastal regions face common challenges of rising heat, congestion and waste;</p>
<p>Desiring to strengthen cooperation on the basis of equality, reciprocity and mutual benefit;</p>
<p>Have reached the following understanding:</p>
<h2>Article 1 - Objective</h2>
<p>The Parties hereby establish sister-city relations and shall promote cooperation between their administrations,
institutions, businesses and residents in accordance with the laws and regulations in force in each city.</p>
<h2>Article 2 - Areas of Cooperation</h2>
<p>The Parties shall cooperate in the following areas:</p>
<p>(a) urban heat mitigation and the management of parks and green space;<br>
(b) public transport, walking and cycling;<br>
(c) solid waste management and recycling;<br>
(d) cultural exchange and tourism promotion;<br>
(e) vocational training and youth exchange.</p>
<h2>Article 3 - Forms of Cooperation</h2>
<p>Cooperation may take the form of exchanges of officials and experts, joint projects and studies, participation in
festivals and fairs, and the sharing of data and good practice. Each Party may send up to six officials per year on
professional attachments of no more than thirty days each.</p>
</div>
<div class="page">
<h2>Article 4 - Coordinating Units</h2>
<p>The coordinating unit for the Chanthara Metropolitan Administration shall be the International Relations Office.
The coordinating unit for the City of Velmora shall be the Office of Global Partnerships.</p>
<h2>Article 5 - Joint Committee</h2>
<p>The Parties shall establish a Joint Committee co-chaired by a Deputy Governor of Chanthara and a Deputy Mayor of
Velmora. The Joint Committee shall meet once every two years, alternately in Chanthara and in Velmora, and shall hold
its first meeting within twelve months of the signature of this Memorandum. The Joint Committee shall prepare a
three-year action plan and review its implementation.</p>
<h2>Article 6 - Financial Arrangements</h2>
<p>The cost of international travel shall be borne by the sending Party. The cost of local accommodation and local
transport shall be borne by the host Party, unless the Parties agree otherwise in writing. All activities under this
Memorandum are subject to the availability of funds and to the budgetary procedures of each Party.</p>
<h2>Article 7 - Information and Intellectual Property</h2>
<p>Information exchanged under this Memorandum shall not be disclosed to a third party without the written consent of
the Party that provided it. Intellectual property created in a joint project shall be owned jointly unless the
Parties agree otherwise in a separate arrangement.</p>
<h2>Article 8 - Settlement of Differences</h2>
<p>Any difference arising from the interpretation or implementation of this Memorandum shall be settled amicably
through consultation between the Parties and shall not be referred to any third party or tribunal.</p>
<h2>Article 9 - Amendment</h2>
<p>This Memorandum may be amended by mutual written consent of the Parties. Amendments shall form an integral part of
this Memorandum.</p>
</div>
<div>
<h2>Article 10 - Entry into Force, Duration and Termination</h2>
<p>This Memorandum shall take effect on the date of its signature and shall remain in force for a period of five (5)
years. It shall be automatically renewed for further periods of five years unless either Party notifies the other in
writing of its intention not to renew at least six months before its expiry.</p>
<p>Either Party may terminate this Memorandum at any time by giving ninety (90) days' written notice to the other
Party. Termination shall not affect projects already under way, which shall continue until their completion unless
the Parties agree otherwise.</p>
<h2>Article 11 - Nature of this Memorandum</h2>
<p>This Memorandum is an expression of the good will of the Parties. It is not legally binding and does not create
rights or obligations under international law.</p>
<p>Signed in duplicate at Velmora on 12 June 2025, in the English, Thai and Valdesian languages, all texts being equally
authentic. In case of divergence of interpretation, the English text shall prevail.</p>
<table class="sig"><tr>
<td>For the Chanthara Metropolitan Administration<br><br>(signed)<br>Mr. Thawatchai Rungrojkul<br>Governor of Chanthara</td>
<td>For the City of Velmora<br><br>(signed)<br>Ms. Adela Korvanek<br>Mayor of Velmora</td></tr>
<tr><td>Witness<br><br>(signed)<br>Dr. Siriporn Ekachai<br>Director, International Relations Office</td>
<td>Witness<br><br>(signed)<br>Mr. Tomasz Hreben<br>Head, Office of Global Partnerships</td></tr></table>
</div>
"""

REPORT = """
<div class="page">
<h1>Chanthara Metropolitan Administration<br>International Relations Office<br>Annual Report, Fiscal Year 2025</h1>
<p class="centre">1 October 2024 - 30 September 2025</p>
<h2>The year at a glance</h2>
<p>In fiscal year 2025 the International Relations Office received 142 foreign delegations, up from 118 in fiscal year
2024. The Governor and the Deputy Governors led 27 outgoing missions abroad.</p>
<p>The Administration signed 9 new agreements with foreign cities: 3 sister-city agreements and 6 friendship
agreements (Appendix A).</p>
<p>The Office trained 1,460 city staff in international skills, including protocol, English and negotiation.</p>
<p>The Office spent 48.6 million baht of the 52.0 million baht allocated to it, a disbursement rate of 93 percent
(Appendix B).</p>
</div>
<div class="page">
<h2>Foreword by the Director</h2>
<p>This was a year of new partners. The sister-city memorandum with Velmora, signed in June, gives our work on urban
heat a strong partner, and our attendance as an observer city at the Fourth MSEC Ministerial Meeting in Port Anselm
opened the door to a regional network of cities facing the same heat.</p>
<p>I thank the staff of the Office, the departments and the district offices who received our guests with care. Our
target for fiscal year 2026 is to receive 150 foreign delegations and to put every agreement in a digital register
that any department can consult.</p>
<p>Dr. Siriporn Ekachai<br>Director, International Relations Office</p>
<h2>Highlights</h2>
<p>Delegations by region: Asia 81, Europe 34, the Americas 15, Africa and Oceania 12.</p>
<p>The Chanthara Global Fellows programme sent 22 young civil servants to partner cities for placements of four to
eight weeks.</p>
<p>Preparations began for the Chanthara Urban Heat Forum, to be held in February 2026 with the City of Velmora and the
MSEC Secretariat.</p>
</div>
<div class="page">
<h2>Challenges</h2>
<p>Seven of the Office's 38 posts were vacant at the end of the year (7 of 38 posts), which delayed the follow-up of
several agreements. Visa processing for incoming fellows took longer than planned, and few departments have staff able
to work in a foreign language.</p>
<h2>Priorities for fiscal year 2026</h2>
<p>1. Carry out the first action plan with Velmora under the sister-city memorandum.<br>
2. Open a Chanthara liaison desk in Port Anselm.<br>
3. Build a digital register of all international agreements of the Administration.</p>
</div>
<div class="page">
<h2>Appendix A - Agreements signed in fiscal year 2025</h2>
<table>
<tr><th>Type</th><th>Partner city</th><th>Country</th><th>Date signed</th><th>Lead unit</th></tr>
<tr><td>Sister city</td><td>Velmora</td><td>Valdesia</td><td>12 June 2025</td><td>International Relations Office</td></tr>
<tr><td></td><td>Port Anselm</td><td>Brennmark</td><td>3 February 2025</td><td>International Relations Office</td></tr>
<tr><td></td><td>Orvanne</td><td>Corvath</td><td>19 August 2025</td><td>Culture and Tourism Department</td></tr>
<tr><td>Friendship</td><td>Dravik</td><td>Nordhavia</td><td>14 November 2024</td><td>Environment Department</td></tr>
<tr><td></td><td>Lumeira</td><td>Santavera</td><td>9 January 2025</td><td>Public Works Department</td></tr>
<tr><td></td><td>Hanamure</td><td>Okeshima</td><td>28 March 2025</td><td>Health Department</td></tr>
<tr><td></td><td>Selvara</td><td>Santavera</td><td>2 May 2025</td><td>Education Department</td></tr>
<tr><td></td><td>Brisk Falls</td><td>Alderica</td><td>21 July 2025</td><td>Traffic and Transport Department</td></tr>
<tr><td></td><td>Qoran</td><td>Meshvar</td><td>5 September 2025</td><td>City Planning Department</td></tr>
</table>
<h2>Appendix B - Budget by programme, fiscal year 2025 (million baht)</h2>
<table>
<tr><th>Programme</th><th>Allocated</th><th>Spent</th></tr>
<tr><td>Delegations and protocol</td><td>14.2</td><td>13.8</td></tr>
<tr><td>Outgoing missions</td><td>12.5</td><td>11.9</td></tr>
<tr><td>Training and fellowships</td><td>9.8</td><td>9.1</td></tr>
<tr><td>Events and forums</td><td>8.0</td><td>7.2</td></tr>
<tr><td>Agreements and network membership</td><td>4.5</td><td>4.1</td></tr>
<tr><td>Communications</td><td>3.0</td><td>2.5</td></tr>
<tr><td>Total</td><td>52.0</td><td>48.6</td></tr>
</table>
</div>
"""

STATEMENT = """
<div class="page">
<h1>Joint Statement of the Fourth MSEC Ministerial Meeting on Sustainable Urbanisation</h1>
<p class="centre">Port Anselm, Brennmark, 27 August 2025</p>
<p>We, the Ministers responsible for urban affairs of the Member States of the Meridian Seas Economic Community (MSEC),
namely Brennmark, Corvath, Nordhavia, Okeshima, Santavera and Valdesia, gathered in Port Anselm, Brennmark, on 27 August
2025 for the Fourth MSEC Ministerial Meeting on Sustainable Urbanisation, under the chairmanship of H.E. Ms. Ingrid
Solberra, Minister of Housing and Urban Development of Brennmark;</p>
<p>1. Recalling the Lunaris Charter of the Meridian Seas Economic Community adopted in 2014 and the MSEC Urban Agenda
2030 adopted at the Second Ministerial Meeting in Selvara in 2021;</p>
<p>2. Noting with concern that average summer temperatures in MSEC cities have risen by 1.2 degrees Celsius since 1990
and that heatwaves caused more than 4,300 excess deaths in the region in 2024;</p>
<p>3. Recognising the role of cities and local governments, including the 38 cities of the MSEC Resilient Cities
Network, in protecting residents from extreme heat;</p>
<p>4. Welcoming the offer of Okeshima to host the MSEC Urban Heat Centre of Excellence;</p>
<p>5. Acknowledging the support of the Meridian Development Bank for climate-resilient urban infrastructure;</p>
<p>Hereby:</p>
</div>
<div>
<p>1. Agree to establish the MSEC Urban Heat Task Force, composed of one senior official from each Member State, to be
operational by March 2026;</p>
<p>2. Adopt the MSEC Cool Cities Guidelines annexed to this Joint Statement;</p>
<p>3. Commit to increase urban tree canopy cover in member cities to at least 30 percent by 2035;</p>
<p>4. Encourage member cities to adopt heat action plans with early warning systems by 2027;</p>
<p>5. Welcome the pledge of the Meridian Development Bank of 250 million US dollars for the Cool Cities Facility
2026-2030;</p>
<p>6. Invite observer cities and dialogue partners, including the Chanthara Metropolitan Administration, to join the
Network's peer-learning activities on urban heat;</p>
<p>7. Task the MSEC Secretariat to report on the implementation of this Joint Statement at the Fifth Ministerial
Meeting, to be held in Selvara, Santavera, in 2027;</p>
<p>8. Express our appreciation to the Government of Brennmark and the City of Port Anselm for their warm hospitality.</p>
<p class="centre">Adopted in Port Anselm on 27 August 2025.</p>
</div>
"""

PROFILE = """
<div class="page">
<h1>Velmora City Profile 2025</h1>
<p class="centre">Published by the Office of Global Partnerships, City of Velmora, Republic of Valdesia</p>
<h2>Velmora at a glance</h2>
<p>Velmora is the second-largest city of Valdesia and its main seaport. The city covers an area of 386.4 square
kilometres in 14 districts and had 1,284,300 inhabitants in 2024, or 3,324 inhabitants per square kilometre. It was
founded in 1287. The Mayor is Ms. Adela Korvanek, in office since 2021. The average July temperature is 27.4 degrees
Celsius.</p>
<h2>Key figures</h2>
<table>
<tr><th>Indicator</th><th>2022</th><th>2023</th><th>2024</th></tr>
<tr><td>Population</td><td>1,241,000</td><td>1,262,500</td><td>1,284,300</td></tr>
<tr><td>GDP (billion US dollars)</td><td>41.8</td><td>43.9</td><td>46.2</td></tr>
<tr><td>GDP per capita (US dollars)</td><td>33,700</td><td>34,800</td><td>36,000</td></tr>
<tr><td>Unemployment rate (percent)</td><td>5.8</td><td>5.1</td><td>4.6</td></tr>
<tr><td>International visitors (million)</td><td>2.9</td><td>3.4</td><td>3.8</td></tr>
<tr><td>Share of trips by public transport (percent)</td><td>41</td><td>43</td><td>44</td></tr>
</table>
</div>
<div>
<h2>Economy</h2>
<p>The main industries of Velmora are ports and logistics, food processing, software and tourism. The port handled
2.1 million containers in 2024. Velmora Kestrel International Airport handled 14.2 million passengers in 2024.</p>
<h2>Education and environment</h2>
<p>Velmora has 5 universities with 96,000 students. Urban tree canopy covers 24 percent of the city, and 61 percent of
household waste was recycled in 2024.</p>
<h2>International partners</h2>
<p>Velmora's sister cities are Hanamure (since 2008), Port Anselm (since 2019) and Chanthara (since 2025).</p>
<p>Contact: Office of Global Partnerships, Velmora City Hall, 4 Harbour Square, Velmora.</p>
</div>
"""


def _pdfs() -> None:
    print_pdfs(DOCS, CSS, [
        ("mou-chanthara-velmora-2025.pdf", "MOU Chanthara Velmora", MOU, ""),
        ("iro-annual-report-fy2025.pdf", "International Relations Office Annual Report FY2025", REPORT, ""),
        ("msec-joint-statement-2025.pdf", "Joint Statement Fourth MSEC Ministerial Meeting", STATEMENT, ""),
        ("velmora-city-profile-2025.pdf", "Velmora City Profile 2025", PROFILE, "")])


def _agenda() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Chanthara Urban Heat Forum 2026 - Programme", 0)
    d.add_paragraph("24-25 February 2026, Chanthara City Hall, organised by the Chanthara Metropolitan Administration "
                    "with the City of Velmora and the MSEC Secretariat. Working language: English, with Thai "
                    "interpretation. Registration is free of charge.")
    d.add_heading("Day 1 - Tuesday 24 February 2026, Grand Ballroom, Chanthara City Hall", 1)
    word_table(d, [
        ("Time", "Session", "Speakers"),
        ("08:30-09:00", "Registration", ""),
        ("09:00-09:20", "Opening remarks", "Mr. Thawatchai Rungrojkul, Governor of Chanthara"),
        ("09:20-09:40", "Welcome address", "Ms. Adela Korvanek, Mayor of Velmora"),
        ("09:40-10:30", "Keynote: Cooling cities in a warming region",
         "Prof. Dr. Naree Suksawat, Faculty of Architecture, Chanthara University"),
        ("10:30-10:45", "Coffee break", ""),
        ("10:45-12:15", "Panel 1: Trees, shade and green corridors",
         "Moderator: Dr. Siriporn Ekachai, Director, International Relations Office. Panellists: Mr. Jorin Vasquell, "
         "Velmora Parks Agency; Ms. Kanokporn Sriwattana, Director, Parks Division, Chanthara; Dr. Hideo Maruse, MSEC "
         "Urban Heat Centre of Excellence, Okeshima"),
        ("12:15-13:30", "Lunch", ""),
        ("13:30-15:00", "Panel 2: Heat early warning and public health",
         "Moderator: Ms. Lotte Anverdal, MSEC Secretariat. Panellists: Dr. Preecha Wongthong, Health Department, "
         "Chanthara; Mr. Aurel Dantic, Port Anselm Emergency Services"),
        ("15:00-15:15", "Break", ""),
        ("15:15-16:30", "Workshop: Drafting Chanthara's Heat Action Plan", "Breakout rooms A, B and C"),
        ("18:30-20:30", "Welcome dinner hosted by the Governor", "River Terrace, Chanthara Riverside Hotel"),
    ])
    d.add_heading("Day 2 - Wednesday 25 February 2026", 1)
    word_table(d, [
        ("Time", "Session", "Speakers"),
        ("09:00-12:00", "Site visits (choose one): A. Khlong Phrom green corridor; B. Cool Roof Pilot at Thung Mai "
                        "School; C. City Heat Monitoring Centre", "Guides from the Environment Department"),
        ("12:00-13:00", "Lunch", ""),
        ("13:30-14:30", "Signing ceremony: Letter of Intent on a Cool Roof Programme between Chanthara and Port Anselm",
         "Mr. Anan Pholchai, Deputy Governor of Chanthara; Mr. Henrik Ostvall, Mayor of Port Anselm"),
        ("14:30-15:00", "Closing remarks", "Mr. Anan Pholchai, Deputy Governor of Chanthara"),
    ])
    d.add_paragraph("Forum secretariat: Ms. Wilaiwan Thongdee, International Relations Office, "
                    "heatforum@chanthara.example, telephone 0 2245 1190.")
    d.save(str(DOCS / "urban-heat-forum-2026-programme.docx"))


def _briefing() -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("INTERNAL")
    d.add_heading("Briefing Note for the Governor", 0)
    d.add_paragraph("Courtesy call by Mr. Henrik Ostvall, Mayor of Port Anselm, Brennmark. Monday 23 February 2026, "
                    "16:00, Governor's Meeting Room, Chanthara City Hall.")
    d.add_heading("Background", 1)
    d.add_paragraph("Port Anselm is the capital of the Westmark province of Brennmark, with a population of 640,000. "
                    "Chanthara and Port Anselm signed a sister-city agreement on 3 February 2025. Mr. Ostvall has been "
                    "Mayor since October 2023; this is his second visit to Chanthara. He will stay for the Chanthara "
                    "Urban Heat Forum on 24-25 February.")
    d.add_heading("Objectives of the call", 1)
    for item in ("Thank Port Anselm for hosting the Chanthara observers at the Fourth MSEC Ministerial Meeting.",
                 "Confirm the Letter of Intent on a Cool Roof Programme, to be signed on 25 February.",
                 "Propose a Chanthara liaison desk in Port Anselm's International Trade Centre."):
        d.add_paragraph(item, style="List Number")
    d.add_heading("Talking points", 1)
    for item in ("Chanthara values Port Anselm's experience with cool roofs on public buildings.",
                 "The liaison desk would help Chanthara firms and students in Brennmark.",
                 "Chanthara would welcome Port Anselm engineers under the Cool Roof Programme."):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("Sensitive issue", 1)
    d.add_paragraph("Port Anselm has asked Chanthara to waive the fee for its pavilion at the Chanthara Winter Fair. "
                    "The Finance Department advises against waiving the fee, because the fair's rules apply to all "
                    "foreign pavilions. The Governor may say the request will be studied.")
    d.add_heading("Questions and answers", 1)
    for q, a in (
            ("Will Chanthara pay for the liaison desk?",
             "The desk would be staffed by one officer seconded from the International Relations Office. Port Anselm "
             "offers the office space free of charge. The estimated annual cost is 2.4 million baht, to be requested "
             "in the 2027 budget."),
            ("Is the Cool Roof Letter of Intent binding?",
             "No. It records the intention of the two cities to share designs and to send engineers; each city pays "
             "its own costs."),
            ("How many Chanthara students study in Port Anselm?",
             "46 Chanthara students were enrolled at universities in Port Anselm in academic year 2025.")):
        d.add_paragraph("Q: " + q)
        d.add_paragraph("A: " + a)
    d.add_paragraph("Prepared by Ms. Wilaiwan Thongdee, Foreign Relations Officer, International Relations Office, "
                    "18 February 2026.")
    d.save(str(DOCS / "briefing-note-port-anselm-mayor-2026.docx"))


def _thai_summary() -> None:
    import docx

    d = docx.Document()
    d.add_heading("สรุปโครงการจันทราเมืองเย็น (Chanthara Cool City) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", 0)
    d.add_paragraph("สำนักสิ่งแวดล้อม นครจันทรา")
    for label, value in (
            ("ชื่อโครงการ", "โครงการจันทราเมืองเย็น"),
            ("หน่วยงานรับผิดชอบ", "กองสวนสาธารณะ สำนักสิ่งแวดล้อม นครจันทรา"),
            ("ผู้รับผิดชอบโครงการ", "นางสาวกนกพร ศรีวัฒนา ผู้อำนวยการกองสวนสาธารณะ"),
            ("ระยะเวลาดำเนินการ", "๑ ตุลาคม ๒๕๖๘ ถึง ๓๐ กันยายน ๒๕๖๙"),
            ("งบประมาณ", "๓๘,๕๐๐,๐๐๐ บาท (สามสิบแปดล้านห้าแสนบาทถ้วน) จากงบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๙")):
        d.add_paragraph(f"{label}: {value}")
    d.add_heading("หลักการและเหตุผล", 1)
    d.add_paragraph("อุณหภูมิสูงสุดเฉลี่ยของนครจันทราในเดือนเมษายน ๒๕๖๘ สูงถึง ๓๘.๖ องศาเซลเซียส "
                    "และพื้นที่สีเขียวต่อประชากรมีเพียง ๕.๒ ตารางเมตรต่อคน ต่ำกว่าเกณฑ์ที่กำหนดไว้ ๙ ตารางเมตรต่อคน "
                    "นครจันทราจึงจัดทำโครงการนี้เพื่อลดความร้อนในเมืองและเพิ่มร่มเงาให้แก่ประชาชน")
    d.add_heading("วัตถุประสงค์", 1)
    for item in ("๑. เพื่อลดอุณหภูมิพื้นผิวในพื้นที่เป้าหมาย",
                 "๒. เพื่อเพิ่มพื้นที่สีเขียวและร่มเงาในชุมชน",
                 "๓. เพื่อสร้างระบบเตือนภัยความร้อนแก่ประชาชน",
                 "๔. เพื่อแลกเปลี่ยนความรู้กับเมืองพี่เมืองน้อง"):
        d.add_paragraph(item)
    d.add_heading("เป้าหมาย", 1)
    d.add_paragraph("ปลูกต้นไม้ยืนต้น ๒๕,๐๐๐ ต้น ใน ๑๒ เขต ติดตั้งหลังคาเย็นในโรงเรียนสังกัดนครจันทรา ๔๐ แห่ง "
                    "และลดอุณหภูมิพื้นผิวเฉลี่ยในพื้นที่เป้าหมายลง ๑.๕ องศาเซลเซียส ภายในปี พ.ศ. ๒๕๗๐")
    d.add_heading("กิจกรรมและงบประมาณ", 1)
    word_table(d, [
        ("ลำดับ", "กิจกรรม", "งบประมาณ (ล้านบาท)"),
        ("๑", "ปลูกต้นไม้และดูแลรักษา", "๑๖.๒"),
        ("๒", "ติดตั้งหลังคาเย็นในโรงเรียน", "๑๒.๘"),
        ("๓", "ระบบเตือนภัยความร้อนผ่านแอปพลิเคชัน", "5.5"),
        ("๔", "แลกเปลี่ยนผู้เชี่ยวชาญกับเมืองเวลโมรา", "๒.๖"),
        ("๕", "ประชาสัมพันธ์และติดตามประเมินผล", "1.4"),
        ("", "รวม", "๓๘.๕"),
    ])
    d.add_heading("ความร่วมมือระหว่างประเทศ", 1)
    d.add_paragraph("ภายใต้บันทึกความเข้าใจว่าด้วยการสถาปนาความสัมพันธ์เมืองพี่เมืองน้องกับเมืองเวลโมรา "
                    "สาธารณรัฐวัลเดเซีย ซึ่งลงนามเมื่อวันที่ ๑๒ มิถุนายน ๒๕๖๘ เมืองเวลโมราจะส่งผู้เชี่ยวชาญด้านป่าไม้ในเมือง "
                    "๓ คน มาให้คำปรึกษาแก่กองสวนสาธารณะเป็นเวลา ๒ สัปดาห์ ในเดือนมกราคม ๒๕๖๙")
    d.add_heading("ตัวชี้วัด", 1)
    d.add_paragraph("ต้นไม้ที่ปลูกรอดตายไม่น้อยกว่าร้อยละ ๘๕ และมีผู้ใช้งานแอปพลิเคชันเตือนภัยความร้อนไม่น้อยกว่า "
                    "100,000 ราย ภายในวันที่ ๓๐ กันยายน ๒๕๖๙")
    d.add_heading("ผู้ประสานงาน", 1)
    d.add_paragraph("นายวีระพงษ์ แก้วมณี นักวิชาการสิ่งแวดล้อม โทร ๐ ๒๒๔๕ ๖๗๘๙")
    d.add_paragraph("ข้อมูล ณ วันที่ ๑๕ ตุลาคม ๒๕๖๘")
    d.save(str(DOCS / "th-cool-city-project-summary-2569.docx"))


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    _pdfs()
    _agenda()
    _briefing()
    _thai_summary()


if __name__ == "__main__":
    main()
