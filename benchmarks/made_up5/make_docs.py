"""Writes the made_up5 probe documents (PDFs through Chromium, Word files through python-docx, plain text and Markdown)
into docs/.

The generated files are committed; run this only to regenerate them:

    .venv/bin/python benchmarks/made_up5/make_docs.py

Every city, person, organisation and country here is invented. The set, written blind (without reading the answer
engine or earlier sets' questions), holds: a friendship and cooperation agreement with articles and a signature block,
an annual report with a grouped statistics table and a budget table, and a Governor's forum speech (PDFs); joint
committee minutes with an action table, a Thai official memo (Buddhist-era dates, Thai digits) and a delegation visit
report with a day-by-day itinerary (Word); an anniversary press release (text) and a small-grants FAQ (Markdown).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/made_up_docs.py
from made_up_docs import print_pdfs, word_table

DOCS = Path(__file__).resolve().parent / "docs"
CSS = """
body { font-family: 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.5; margin: 0; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 13.5pt; margin-top: 16pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 10.5pt; }
td, th { border: 1px solid #444; padding: 4pt 6pt; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; }
.page { page-break-after: always; } .sig td { border: none; width: 50%; padding-top: 28pt; }
.centre { text-align: center; } .small { font-size: 10pt; }
"""

AGREEMENT = """
<div class="page">
<h1>AGREEMENT ON FRIENDSHIP AND COOPERATION<br>BETWEEN<br>THE PHANTHAWI METROPOLITAN ADMINISTRATION<br>AND<br>
THE CITY OF AMBRECOURT, REPUBLIC OF SELDARA</h1>
<p>The Phanthawi Metropolitan Administration and the City of Ambrecourt, Republic of Seldara (hereinafter referred to
individually as "a Party" and jointly as "the Parties");</p>
<p>Recalling the first contacts between the two cities in 2019, when the Ambrecourt Chamber of Commerce led a food-trade
mission to the Phanthawi Gastronomy Week;</p>
<p>Noting that both cities have grown on the banks of a great river, the Lamphan River and the river Oderaine, and share
the experience of living with seasonal floods;</p>
<p>Wishing to develop lasting ties between their administrations, institutions and inhabitants on the basis of
equality and mutual benefit;</p>
<p>Have agreed as follows:</p>
<h2>Article 1 - Purpose</h2>
<p>The Parties hereby establish friendship-city relations and shall promote exchanges and cooperation between their
municipal services, universities, businesses, civil society and inhabitants, in accordance with the laws and
regulations in force in each country.</p>
<h2>Article 2 - Fields of Cooperation</h2>
<p>The Parties shall cooperate in the following fields:</p>
<p>(a) flood risk management and riverbank restoration;<br>
(b) digital public services and open data;<br>
(c) gastronomy, crafts and cultural tourism;<br>
(d) higher education, vocational training and youth exchange;<br>
(e) active ageing and community health.</p>
<h2>Article 3 - Forms of Cooperation</h2>
<p>Cooperation under this Agreement may take the form of exchanges of delegations and experts, internships of up to
ninety (90) days for municipal staff and students, joint events and festivals, joint studies and the exchange of data
and good practice. Each Party shall host at least one expert exchange each year.</p>
<h2>Article 4 - Coordinating Bodies</h2>
<p>The coordinating body for the Phanthawi Metropolitan Administration shall be the International Affairs Office. The
coordinating body for the City of Ambrecourt shall be the Department of External Relations and Protocol.</p>
<h2>Article 5 - Joint Working Group</h2>
<p>The Parties shall set up a Joint Working Group of not more than eight (8) members from each Party, chaired jointly by
the heads of the two coordinating bodies. The Joint Working Group shall meet at least once a year, in person or by
videoconference. It shall prepare a two-year work programme and monitor its implementation. The first work programme
shall be adopted no later than 31 March 2026.</p>
</div>
<div class="page">
<h2>Article 6 - Financial Provisions</h2>
<p>The cost of international travel and of accommodation shall be borne by the sending Party. Local transport and meals
within the host city shall be provided by the host Party, unless the Parties decide otherwise in writing for a given
activity. All activities under this Agreement are subject to the availability of funds in the budget of each Party.</p>
<h2>Article 7 - Legal Nature</h2>
<p>This Agreement is an expression of the common will of the Parties. It is not a treaty and does not create legal
obligations under international law for either Party or for their respective States.</p>
<h2>Article 8 - Settlement of Differences</h2>
<p>Any difference concerning the interpretation or application of this Agreement shall be settled amicably by
consultation between the coordinating bodies and, failing that, between the Governor of Phanthawi and the Mayor of
Ambrecourt.</p>
<h2>Article 9 - Amendments</h2>
<p>This Agreement may be amended at any time by mutual written consent of the Parties, expressed by an exchange of
letters. Amendments shall enter into force on the date of the later letter.</p>
<h2>Article 10 - Entry into Force, Duration and Termination</h2>
<p>This Agreement shall enter into force on the date of its signature and shall remain in force for a period of four
(4) years. It shall thereafter be extended automatically for successive periods of two (2) years, unless either Party
notifies the other in writing of its wish to end the Agreement at least three (3) months before the end of the
current period.</p>
<p>Either Party may terminate this Agreement at any time by giving six (6) months' written notice to the other Party.
Termination shall not affect activities already under way, which shall continue until their completion unless the
Parties decide otherwise.</p>
<p>Done at Phanthawi City Hall, Phanthawi, on 14 November 2025, in two original copies, each in the Thai, Seldaran and
English languages, all texts being equally authentic. In case of divergence of interpretation, the English text shall
prevail.</p>
<table class="sig"><tr>
<td>For the Phanthawi Metropolitan Administration<br><br>(signed)<br>Mr. Thanakorn Wongsiriphan<br>Governor of Phanthawi</td>
<td>For the City of Ambrecourt<br><br>(signed)<br>Ms. Elodie Marchetaux<br>Mayor of Ambrecourt</td></tr>
<tr><td>Witness<br><br>(signed)<br>Dr. Pimchanok Rattanasuwan<br>Director, International Affairs Office</td>
<td>Witness<br><br>(signed)<br>Mr. Bastien Orliac<br>Director, Department of External Relations and Protocol</td></tr>
</table>
</div>
"""

REPORT = """
<div class="page">
<h1>Phanthawi Metropolitan Administration<br>International Affairs Office<br>Annual Report 2025</h1>
<p class="centre">Fiscal year 2025: 1 October 2024 - 30 September 2025</p>
<h2>Foreword by the Director</h2>
<p>Fiscal year 2025 was the busiest year in the history of the International Affairs Office. We welcomed more foreign
guests than ever before, hosted the Sixth Lamphan River Cities Forum and concluded negotiations on a new
friendship-city agreement with the City of Ambrecourt, Republic of Seldara. I thank every member of our staff and our
partners abroad for their commitment.</p>
<p>Dr. Pimchanok Rattanasuwan, Director, International Affairs Office</p>
<h2>1. The Office</h2>
<p>The International Affairs Office is part of the Office of the Governor. It has four sections: the Sister Cities
Section, the Protocol Section, the International Projects Section and the Translation Section. At the end of fiscal
year 2025 the Office employed 38 officials, of whom 11 are language specialists working in Japanese, Chinese, French,
English and Korean.</p>
<p>At the end of fiscal year 2025 Phanthawi maintained formal relations with 19 cities in 14 countries: 12 sister cities
and 7 friendship cities. No new agreement was signed during the year. Negotiations with the City of Ambrecourt were
concluded in August 2025, and the signing of the agreement is planned for November 2025 in Phanthawi.</p>
<h2>2. Foreign delegations</h2>
<p>The Office received 159 foreign delegations in fiscal year 2025, 19 percent more than in fiscal year 2024. The
delegations brought a total of 2,146 visitors to Phanthawi. Asia remained the largest source of visits, led by East
Asia. Delegations from Europe rose to 31, the highest number on record, helped by the talks with Ambrecourt. Table 1
shows the delegations received over the last three fiscal years.</p>
<p><b>Table 1. Foreign delegations received, by region (number of delegations)</b></p>
<table>
<tr><th>Region</th><th>Sub-region</th><th class="n">FY2023</th><th class="n">FY2024</th><th class="n">FY2025</th></tr>
<tr><td>Asia</td><td>East Asia</td><td class="n">41</td><td class="n">48</td><td class="n">53</td></tr>
<tr><td></td><td>Southeast Asia</td><td class="n">37</td><td class="n">35</td><td class="n">44</td></tr>
<tr><td></td><td>South Asia</td><td class="n">6</td><td class="n">9</td><td class="n">11</td></tr>
<tr><td>Europe</td><td>Western Europe</td><td class="n">14</td><td class="n">17</td><td class="n">21</td></tr>
<tr><td></td><td>Northern and Eastern Europe</td><td class="n">8</td><td class="n">7</td><td class="n">10</td></tr>
<tr><td>Americas</td><td>North America</td><td class="n">5</td><td class="n">6</td><td class="n">8</td></tr>
<tr><td></td><td>Latin America</td><td class="n">2</td><td class="n">3</td><td class="n">2</td></tr>
<tr><td>Other</td><td>Africa, Middle East and Oceania</td><td class="n">7</td><td class="n">9</td><td class="n">10</td></tr>
<tr><td><b>Total</b></td><td></td><td class="n"><b>120</b></td><td class="n"><b>134</b></td><td class="n"><b>159</b></td></tr>
</table>
</div>
<div class="page">
<h2>3. Main activities</h2>
<p><b>Sixth Lamphan River Cities Forum.</b> The Office hosted the Sixth Lamphan River Cities Forum on 3-4 July 2025 at
the Phanthawi Convention Centre. The Forum brought together 280 participants from 23 cities under the theme "Rivers
that connect". The Forum adopted the Phanthawi Statement on Shared Flood Data.</p>
<p><b>Sister-city exchanges.</b> The Office organised 42 outgoing and incoming exchange programmes with sister and
friendship cities, including the Phanthawi-Hanoura youth exchange in August 2025 and a teachers' study visit to
Quillon Harbour.</p>
<p><b>Governor's Scholarship.</b> Sixteen students from sister cities received the Governor's Scholarship to study at
Phanthawi Metropolitan University in the 2025 academic year. Each scholarship covers tuition fees and a monthly
allowance of 12,000 baht.</p>
<p><b>Translation and interpretation.</b> The Translation Section translated 1,126 documents and provided interpreters
for 214 meetings.</p>
<p><b>Small Grants Programme.</b> The Sister City Small Grants Programme funded 31 projects run by schools, community
groups and non-profit organisations with partners in sister and friendship cities.</p>
<h2>4. Budget</h2>
<p>The Office was allocated 56,200,000 baht for fiscal year 2025 and disbursed 51,971,350 baht, a disbursement rate of
92.5 percent. Spending on international conferences was lower than planned because two regional meetings were held
online. Table 2 shows the budget by programme.</p>
<p><b>Table 2. Budget by programme, fiscal year 2025 (baht)</b></p>
<table>
<tr><th>Programme</th><th class="n">Allocated</th><th class="n">Disbursed</th></tr>
<tr><td>Sister-city exchanges</td><td class="n">21,300,000</td><td class="n">19,874,650</td></tr>
<tr><td>Protocol and reception of foreign guests</td><td class="n">11,850,000</td><td class="n">11,702,300</td></tr>
<tr><td>International conferences and forums</td><td class="n">14,600,000</td><td class="n">12,318,400</td></tr>
<tr><td>Translation and interpretation</td><td class="n">3,950,000</td><td class="n">3,861,000</td></tr>
<tr><td>Sister City Small Grants Programme</td><td class="n">4,500,000</td><td class="n">4,215,000</td></tr>
<tr><td><b>Total</b></td><td class="n"><b>56,200,000</b></td><td class="n"><b>51,971,350</b></td></tr>
</table>
<h2>5. Outlook for fiscal year 2026</h2>
<p>In fiscal year 2026 the Office plans to sign the friendship agreement with Ambrecourt, to celebrate the tenth
anniversary of sister-city relations with Hanoura City and to host the Seventh Lamphan River Cities Forum. The Office
aims to receive 170 foreign delegations. It has submitted a budget request of 60.4 million baht for fiscal year 2026,
which is under review by the Budget Committee.</p>
</div>
"""

SPEECH = """
<div class="page">
<h1>Opening Address<br>by Mr. Thanakorn Wongsiriphan, Governor of Phanthawi<br>at the Seventh Lamphan River Cities
Forum</h1>
<p class="centre">"Living with Water"<br>Phanthawi Convention Centre, 7 May 2026<br><i>Check against delivery</i></p>
<p>Excellencies, Mayors and Governors, distinguished delegates, ladies and gentlemen,</p>
<p>Good morning, and welcome to Phanthawi. It is a great honour to open the Seventh Lamphan River Cities Forum. This
morning more than 350 delegates from 31 cities in 12 countries have joined us in this hall. Some of you have travelled
for two days to be here; all of you are among friends.</p>
<p>When this Forum was founded in 2014 by six cities of the Lamphan basin, few people outside the region knew of it.
Today it brings together 28 member cities, from the headwaters in the mountains to the delta on the coast. What unites
us is simple: the river gives us our water, our food and our trade, and sometimes it takes back what we have built.</p>
<p>Phanthawi learned this again in October 2024. The flood of that year affected 46,000 households in nine of our
districts and closed 112 schools for up to three weeks. I will never forget the families I met in the evacuation
centre at Wat Khlong Sai, who had lost everything except their courage.</p>
<p>Since that flood the Phanthawi Metropolitan Administration has invested 3.2 billion baht in flood defences. We have
built 14 kilometres of new floodwalls along the Lamphan River and five new pumping stations, and we have cleared 86
kilometres of canals. But walls and pumps are not enough. We must also give people time to act.</p>
<p>This is where our partners have taught us so much. From our sister city Hanoura we have learned how an early-warning
system can send a flood alert to every mobile phone in a district within four minutes. From our new friend Ambrecourt,
whose agreement with Phanthawi was signed last November, we have learned how a retention basin can protect an old
town while giving residents a park in the dry season. Their experts have already visited our river twice this year.</p>
</div>
<div>
<p>Ladies and gentlemen, knowledge moves best when people move. I am therefore pleased to announce today that
Phanthawi will launch the River Cities Fellowship. From 2027, Phanthawi will offer 20 fellowships each year to young
engineers and planners from member cities of the Forum. Each fellow will spend three months working with our
Department of Disaster Prevention and Mitigation and our Drainage and Sewerage Department.</p>
<p>I am also pleased to confirm that Phanthawi has offered to host the permanent secretariat of the Forum for its first
three years. The member cities will decide on this offer at the General Assembly tomorrow afternoon.</p>
<p>Over the next two days you will discuss flood data sharing, nature-based solutions and the financing of resilient
infrastructure. I ask you to be practical. Let every city leave this Forum with at least one idea that it can put into
practice within one year.</p>
<p>Finally, allow me to thank the City of Hanoura and the City of Ambrecourt for co-sponsoring this Forum, and the staff
of our International Affairs Office, who have worked for months to welcome you.</p>
<p>I now declare the Seventh Lamphan River Cities Forum open. Thank you.</p>
</div>
"""


def _pdfs() -> None:
    print_pdfs(DOCS, CSS, [
        ("agreement-phanthawi-ambrecourt-2025.pdf", "Agreement on Friendship and Cooperation Phanthawi Ambrecourt",
         AGREEMENT, ""),
        ("iao-annual-report-2025.pdf", "International Affairs Office Annual Report 2025", REPORT, ""),
        ("speech-governor-river-cities-forum-2026.pdf", "Governor's Opening Address Seventh Lamphan River Cities Forum",
         SPEECH, "")])


def _fields(document: Any, separator: str, pairs: tuple[tuple[str, str], ...]) -> None:
    """A memo's or minutes' header: one paragraph per field, its label in bold."""
    for label, value in pairs:
        p = document.add_paragraph()
        p.add_run(label + separator).bold = True
        p.add_run(value)


def _minutes() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Minutes of the Third Meeting of the Phanthawi-Hanoura Joint Committee on Sister-City Cooperation", 0)
    _fields(d, ": ", (
        ("Date", "Thursday, 22 January 2026, 09:30-12:40"),
        ("Venue", "Tsubaki Meeting Room, 7th floor, Hanoura City Hall, Hanoura City, Kuzumi Prefecture"),
        ("Co-chairs", "Mr. Kittisak Boonyarat, Deputy Governor of Phanthawi; Mr. Renji Kuramochi, Deputy Mayor "
                      "of Hanoura")))
    d.add_heading("Attendees", 1)
    d.add_paragraph("Phanthawi side:")
    for item in ("Mr. Kittisak Boonyarat, Deputy Governor of Phanthawi (co-chair)",
                 "Dr. Pimchanok Rattanasuwan, Director, International Affairs Office",
                 "Mr. Wirot Chaisombat, Director, Department of Disaster Prevention and Mitigation",
                 "Ms. Orawan Thepsiri, Director, Education Office",
                 "Ms. Naruemon Phetcharat, Foreign Relations Officer (secretary)"):
        d.add_paragraph(item, style="List Bullet")
    d.add_paragraph("Hanoura side:")
    for item in ("Mr. Renji Kuramochi, Deputy Mayor of Hanoura (co-chair)",
                 "Ms. Sayuri Hanbashi, Director, International Exchange Division",
                 "Mr. Daigo Kitaoka, Chief, Crisis Management Bureau",
                 "Ms. Mei Tsukishiro, Supervisor, Hanoura Board of Education",
                 "Mr. Kenta Ogiwara, International Exchange Division (secretary)"):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("Agenda item 1: Opening and adoption of the agenda", 1)
    d.add_paragraph("Mr. Kuramochi welcomed the Phanthawi delegation to Hanoura and recalled that the two cities will "
                    "celebrate the tenth anniversary of their sister-city relationship this year. Mr. Boonyarat thanked "
                    "Hanoura for its hospitality. The agenda was adopted.")
    d.add_heading("Agenda item 2: Minutes of the Second Meeting", 1)
    d.add_paragraph("The minutes of the Second Meeting, held on 9 October 2023 in Phanthawi, were adopted without "
                    "amendment.")
    d.add_heading("Agenda item 3: Review of the Joint Action Plan 2024-2025", 1)
    d.add_paragraph("Ms. Hanbashi reported on the Joint Action Plan 2024-2025. Of its 34 activities, 27 were completed, "
                    "4 were postponed to 2026 and 3 were cancelled. Highlights included the school-safety training "
                    "attended by 24 Phanthawi teachers in Hanoura in July 2024, the handover of two refurbished fire "
                    "engines from Hanoura to Phanthawi in March 2025, and the joint culinary festival held in Hanoura in "
                    "October 2025, which drew 56,000 visitors.")
    d.add_paragraph("Decision: The Committee took note of the report and agreed that the 4 postponed activities will be "
                    "carried over into the next plan.")
    d.add_heading("Agenda item 4: Youth exchange", 1)
    d.add_paragraph("Ms. Thepsiri reported that 18 Phanthawi secondary students and 3 teachers spent 12 days in "
                    "Hanoura in August 2025, staying with host families. Ms. Tsukishiro announced that Hanoura will send "
                    "15 students to Phanthawi in July 2026.")
    d.add_paragraph("Decision: The Committee agreed to raise the daily home-stay allowance paid to host families from "
                    "500 baht to 700 baht in Phanthawi, and from 3,000 yen to 4,000 yen in Hanoura, from 2026.")
    d.add_heading("Agenda item 5: Disaster preparedness", 1)
    d.add_paragraph("Mr. Kitaoka presented Hanoura's flood early-warning system. Hanoura offered to host a ten-day flood "
                    "early-warning course for 12 Phanthawi engineers in May 2026. Hanoura will cover the course fees and "
                    "accommodation, and the Phanthawi Department of Disaster Prevention and Mitigation will bear the "
                    "international airfares.")
    d.add_paragraph("Decision: The Committee accepted the offer with thanks.")
    d.add_heading("Agenda item 6: Tenth anniversary of sister-city relations", 1)
    d.add_paragraph("The sister-city agreement between Phanthawi and Hanoura was signed on 5 April 2016. Dr. "
                    "Rattanasuwan presented the plan to celebrate the tenth anniversary in Phanthawi on 18-20 June "
                    "2026, with a cultural performance, a photo exhibition and the planting of commemorative trees. "
                    "The Hanoura delegation will be led by the Mayor of Hanoura.")
    d.add_paragraph("Decision: The Committee agreed that the Joint Action Plan 2026-2028 will be signed by the Governor "
                    "of Phanthawi and the Mayor of Hanoura during the anniversary celebrations.")
    d.add_heading("Agenda item 7: Other business", 1)
    d.add_paragraph("Hanoura proposed that Phanthawi open a tourism information desk at Hanoura Station. The Phanthawi "
                    "side agreed to study the proposal.")
    d.add_heading("Agenda item 8: Next meeting", 1)
    d.add_paragraph("The Fourth Meeting will be held in Phanthawi in 2027, on a date to be agreed through the "
                    "secretariats.")
    d.add_heading("Action items", 1)
    word_table(d, [
        ("No.", "Action", "Owner", "Deadline"),
        ("1", "Circulate the draft Joint Action Plan 2026-2028", "Phanthawi International Affairs Office",
         "27 February 2026"),
        ("2", "Send the list of 12 engineers for the flood early-warning course",
         "Phanthawi Department of Disaster Prevention and Mitigation", "15 March 2026"),
        ("3", "Select the 15 students for the July 2026 youth exchange", "Hanoura Board of Education",
         "31 March 2026"),
        ("4", "Confirm the composition of the anniversary delegation", "Hanoura International Exchange Division",
         "30 April 2026"),
        ("5", "Prepare a feasibility note on a tourism desk at Hanoura Station",
         "Phanthawi Tourism and Culture Office", "30 June 2026"),
    ])
    d.add_paragraph("")
    d.add_paragraph("Minutes prepared by Ms. Naruemon Phetcharat and Mr. Kenta Ogiwara. Approved by the co-chairs on "
                    "5 February 2026.")
    d.save(str(DOCS / "minutes-3rd-joint-committee-phanthawi-hanoura-2026.docx"))


def _thai_memo() -> None:
    import docx

    d = docx.Document()
    d.add_heading("บันทึกข้อความ", 0)
    _fields(d, " ", (
        ("ส่วนราชการ", "สำนักการต่างประเทศ ฝ่ายเมืองพี่เมืองน้อง โทร ๐ ๒๔๔๗ ๕๑๒๐"),
        ("ที่", "พธ ๐๖๐๒/๐๔๑๗"),
        ("วันที่", "๙ กุมภาพันธ์ ๒๕๖๙"),
        ("เรื่อง", "ขออนุมัติโครงการเฉลิมฉลองครบรอบ ๑๐ ปี ความสัมพันธ์เมืองพี่เมืองน้อง นครพันธวี - เมืองฮาโนอุระ"),
        ("เรียน", "ผู้ว่าราชการนครพันธวี")))
    d.add_heading("๑. เรื่องเดิม", 1)
    d.add_paragraph("นครพันธวีและเมืองฮาโนอุระ จังหวัดคุซุมิ ได้ลงนามบันทึกข้อตกลงสถาปนาความสัมพันธ์เมืองพี่เมืองน้อง "
                    "เมื่อวันที่ ๕ เมษายน ๒๕๕๙ และจะครบรอบ ๑๐ ปี ในปี พ.ศ. ๒๕๖๙ ต่อมาที่ประชุมคณะกรรมการร่วมว่าด้วย"
                    "ความร่วมมือเมืองพี่เมืองน้อง ครั้งที่ ๓ เมื่อวันที่ ๒๒ มกราคม ๒๕๖๙ ณ เมืองฮาโนอุระ มีมติให้จัดงาน"
                    "เฉลิมฉลองครบรอบ ๑๐ ปี ที่นครพันธวี และให้ลงนามแผนปฏิบัติการร่วม พ.ศ. ๒๕๖๙ - ๒๕๗๑ ในโอกาสดังกล่าว")
    d.add_heading("๒. ข้อเท็จจริง", 1)
    d.add_paragraph("สำนักการต่างประเทศได้จัดทำโครงการเฉลิมฉลองครบรอบ ๑๐ ปี โดยมีรายละเอียดดังนี้")
    d.add_paragraph("๒.๑ กำหนดจัดงานระหว่างวันที่ ๑๘ ถึง ๒๐ มิถุนายน ๒๕๖๙ ณ ศาลาว่าการนครพันธวี "
                    "และสวนสาธารณะริมแม่น้ำลำพัน")
    d.add_paragraph("๒.๒ กิจกรรมประกอบด้วย พิธีลงนามแผนปฏิบัติการร่วม พ.ศ. ๒๕๖๙ - ๒๕๗๑ การแสดงทางวัฒนธรรมของทั้งสองเมือง "
                    "นิทรรศการภาพถ่าย \"๑๐ ปี มิตรภาพพันธวี - ฮาโนอุระ\" และการปลูกต้นไม้ที่ระลึกจำนวน ๑๐ ต้น")
    d.add_paragraph("๒.๓ คณะผู้แทนเมืองฮาโนอุระ จำนวน ๒๖ คน นำโดย นางคาซุเนะ อามาคุระ นายกเทศมนตรีเมืองฮาโนอุระ "
                    "คาดว่าจะมีประชาชนเข้าร่วมงานประมาณ ๓,๕๐๐ คน")
    d.add_paragraph("๒.๔ ประมาณการค่าใช้จ่าย จากงบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๙ แผนงานความสัมพันธ์ระหว่างประเทศ "
                    "รวมทั้งสิ้น ๔,๓๕๐,๐๐๐ บาท (สี่ล้านสามแสนห้าหมื่นบาทถ้วน) ดังนี้")
    word_table(d, [
        ("ลำดับ", "รายการ", "จำนวนเงิน (บาท)"),
        ("๑", "ค่าที่พักและอาหารสำหรับคณะผู้แทนเมืองฮาโนอุระ", "๑,๑๘๐,๐๐๐"),
        ("๒", "ค่าจัดสถานที่และเวที", "๑,๒๕๐,๐๐๐"),
        ("๓", "ค่าการแสดงทางวัฒนธรรม", "๘๗๐,๐๐๐"),
        ("๔", "ค่านิทรรศการและของที่ระลึก", "๖๔๐,๐๐๐"),
        ("๕", "ค่าล่ามและแปลเอกสาร", "๒๑๐,๐๐๐"),
        ("๖", "ค่าประชาสัมพันธ์", "๒๐๐,๐๐๐"),
        ("", "รวม", "๔,๓๕๐,๐๐๐"),
    ])
    d.add_paragraph("หมายเหตุ ค่าใช้จ่ายทุกรายการถัวจ่ายกันได้")
    d.add_heading("๓. ข้อพิจารณา", 1)
    d.add_paragraph("สำนักการต่างประเทศพิจารณาแล้วเห็นว่า โครงการนี้สอดคล้องกับแผนปฏิบัติการร่วมระหว่างสองเมือง "
                    "และจะช่วยส่งเสริมการท่องเที่ยวและการแลกเปลี่ยนทางการศึกษา จึงเห็นควรอนุมัติโครงการและงบประมาณดังกล่าว "
                    "และแต่งตั้งคณะทำงานจัดงาน โดยมี นายกิตติศักดิ์ บุญยรัตน์ รองผู้ว่าราชการนครพันธวี เป็นประธานคณะทำงาน")
    d.add_heading("๔. ข้อเสนอ", 1)
    d.add_paragraph("จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติโครงการ และลงนามในคำสั่งแต่งตั้งคณะทำงานที่แนบมาพร้อมนี้")
    d.add_paragraph("")
    d.add_paragraph("(ดร.พิมพ์ชนก รัตนสุวรรณ)")
    d.add_paragraph("ผู้อำนวยการสำนักการต่างประเทศ")
    d.save(str(DOCS / "th-memo-hanoura-10th-anniversary-2569.docx"))


def _visit_report() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Report on the Official Visit of the Phanthawi Delegation to the City of Ambrecourt, Republic of "
                  "Seldara, 9-13 March 2026", 0)
    d.add_paragraph("Prepared by the International Affairs Office, Phanthawi Metropolitan Administration, "
                    "24 March 2026.")
    d.add_heading("1. Purpose of the visit", 1)
    d.add_paragraph("This was the first official visit to Ambrecourt since the Agreement on Friendship and Cooperation "
                    "was signed. Its purposes were to hold the first meeting of the Joint Working Group, to study "
                    "Ambrecourt's approach to flood risk management and digital services, and to prepare cooperation in "
                    "gastronomy and active ageing.")
    d.add_heading("2. The delegation", 1)
    d.add_paragraph("The delegation had nine members and was led by Ms. Suphansa Kaewprasert, Deputy Governor of "
                    "Phanthawi. Its senior members were:")
    word_table(d, [
        ("Name", "Position"),
        ("Ms. Suphansa Kaewprasert", "Deputy Governor of Phanthawi, head of delegation"),
        ("Dr. Pimchanok Rattanasuwan", "Director, International Affairs Office"),
        ("Mr. Wirot Chaisombat", "Director, Department of Disaster Prevention and Mitigation"),
        ("Mr. Chatchai Limthong", "Director, Digital Government Office"),
        ("Ms. Kanyarat Somboonsuk", "Director, Tourism and Culture Office"),
    ])
    d.add_paragraph("They were accompanied by four officers of the International Affairs Office and the Digital "
                    "Government Office.")
    d.add_heading("3. Itinerary", 1)
    word_table(d, [
        ("Day", "Date", "Programme"),
        ("Day 1", "Monday 9 March 2026", "Arrival at Ambrecourt-Sainval Airport. Welcome dinner hosted by Mayor "
                                         "Elodie Marchetaux at Ambrecourt Town Hall."),
        ("Day 2", "Tuesday 10 March 2026", "First meeting of the Joint Working Group at Ambrecourt Town Hall, co-chaired "
                                           "by Dr. Pimchanok Rattanasuwan and Mr. Bastien Orliac; adoption of the Work "
                                           "Programme 2026-2027 with 14 activities. Afternoon visit to the Ambrecourt "
                                           "Open Data Centre."),
        ("Day 3", "Wednesday 11 March 2026", "Briefing by the Ambrecourt River Authority; site visits to the Oderaine "
                                             "flood barrier and the Saint-Merle retention basin."),
        ("Day 4", "Thursday 12 March 2026", "Visit to the Ambrecourt Culinary Institute and signing of a letter of "
                                            "intent on chef internships; visit to the Les Tanneries senior centre."),
        ("Day 5", "Friday 13 March 2026", "Wrap-up meeting with the Department of External Relations and Protocol. "
                                          "Departure."),
    ])
    d.add_heading("4. Findings", 1)
    for item in (
            "Ambrecourt has 184,000 inhabitants, 27 percent of whom are aged 65 or over, one of the oldest populations "
            "in Seldara.",
            "The Open Ambrecourt portal publishes 412 datasets, and 78 percent of municipal services can be completed "
            "online. The city trains volunteers in every library to help older people use online services.",
            "The Saint-Merle retention basin holds up to 2.4 million cubic metres of water. Since it opened in 2018 the "
            "old town has not flooded, despite three major flood events. In the dry season the basin is used as a "
            "public park.",
            "The city's nine senior centres are managed by the non-profit Silver Ties Association, which receives an "
            "annual grant from the city and charges members a small monthly fee.",
            "Under the letter of intent signed on 12 March 2026, the Ambrecourt Culinary Institute will take six "
            "Phanthawi chefs each year for eight-week internships."):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("5. Recommendations", 1)
    for item in (
            "Pilot a river-level sensor network on the Lamphan River in two districts, with technical advice from the "
            "Ambrecourt River Authority; estimated cost 6.5 million baht, to be requested in the fiscal year 2027 "
            "budget.",
            "Nominate two staff of the Digital Government Office for a three-month internship at the Ambrecourt Open "
            "Data Centre.",
            "Prepare the chef internship programme with Phanthawi Culinary College, so that the first six chefs can "
            "travel in September 2026.",
            "Invite Mayor Marchetaux to the Phanthawi Gastronomy Week in January 2027."):
        d.add_paragraph(item, style="List Number")
    d.add_heading("6. Cost of the visit", 1)
    d.add_paragraph("In line with Article 6 of the Agreement, Phanthawi paid for international travel and hotels, and "
                    "Ambrecourt provided local transport and meals. The visit cost 1,286,400 baht in total: airfares "
                    "742,000 baht, accommodation 388,400 baht and per diem 156,000 baht.")
    d.save(str(DOCS / "visit-report-ambrecourt-2026.docx"))


PRESS = """PRESS RELEASE - FOR IMMEDIATE RELEASE
Phanthawi Metropolitan Administration, International Affairs Office
2 December 2025

PHANTHAWI AND QUILLON HARBOUR CELEBRATE 30 YEARS AS SISTER CITIES

PHANTHAWI - More than 4,200 people joined the "Two Harbours, One Heart" festival at Lamphan Riverside Park on 29-30
November 2025 to celebrate the 30th anniversary of sister-city relations between Phanthawi and Quillon Harbour,
Commonwealth of Tavoria. The two cities established their relationship on 21 November 1995.

A delegation of 38 from Quillon Harbour, led by the Lord Mayor of Quillon Harbour, Mr. Desmond Aukett, took part in the
celebrations. On 29 November the Governor of Phanthawi, Mr. Thanakorn Wongsiriphan, and Lord Mayor Aukett unveiled a
commemorative bronze plaque at the park and signed a Joint Declaration renewing their cooperation in three areas:
port-city development, maritime heritage and marine litter reduction.

The festival featured 64 food and craft stalls and 11 performing groups from both cities, including the Quillon
Harbour Sea Shanty Choir and the Phanthawi Youth Khon Troupe.

"Thirty years ago our cities were connected by ships. Today we are connected by people," said Governor Thanakorn. "More
than 1,340 students and teachers have taken part in exchanges between our two cities since 1995, and many of them are
here with us today."

Lord Mayor Aukett announced that, from 2026, Quillon Maritime College will offer 10 scholarships a year to students from
Phanthawi. "The sea has always been our common school," he said.

The festival was organised by the International Affairs Office with a budget of 2.8 million baht, including 900,000
baht in private sponsorship from local businesses.

Media contact:
Mr. Teerawat Intharasuk, Press Officer, International Affairs Office
Tel. 0 2447 5188
"""

FAQ = """# Sister City Small Grants Programme 2026 - Frequently Asked Questions

International Affairs Office, Phanthawi Metropolitan Administration. Updated 16 February 2026.

## What is the Sister City Small Grants Programme?

The programme supports projects run by organisations in Phanthawi together with partners in one of Phanthawi's sister
cities or friendship cities. It was launched in 2021 to bring city-to-city cooperation closer to residents. Typical
projects are school partnerships, joint art or sports events, community study visits and online exchanges.

## Who can apply?

Registered non-profit organisations, schools (both schools under the Phanthawi Metropolitan Administration and private
schools), universities, and community organisations that have been registered with a district office for at least
one year. Individuals and companies are not eligible. Each organisation may submit one application per round.

## How much can we receive?

A grant can cover up to 150,000 baht per project. The total envelope for 2026 is 4,800,000 baht. Applicants must
contribute at least 20 percent of the total project cost, in cash or in kind (for example staff time or venues).

## Which costs are eligible?

Travel, local transport, materials, venue hire, translation and interpretation, and insurance for participants.
The programme does not pay for salaries of permanent staff, equipment costing more than 20,000 baht per item,
alcohol, or gifts.

## What are the deadlines?

| Round | Opens | Closes | Results announced |
|---|---|---|---|
| Round 1 | 2 March 2026 | 17 April 2026 | within 45 days after closing |
| Round 2 | 1 July 2026 | 14 August 2026 | within 45 days after closing |

Projects must be completed by 31 March 2027.

## How do we apply?

Apply online through the e-Grants portal of the Phanthawi Metropolitan Administration, or hand in a paper application
at the International Affairs Office, 12th floor, City Hall Building 2. Attach a letter of support from the partner
organisation in the sister or friendship city.

## How are applications assessed?

A selection committee of five members, chaired by the Director of the International Affairs Office, scores each
application against four criteria: partnership with the sister or friendship city (30 points), community benefit
(30 points), feasibility (25 points) and value for money (15 points). Applications scoring below 60 points are not
funded.

## How is the grant paid?

70 percent of the grant is paid after the grant agreement is signed, and the remaining 30 percent after the final
report has been approved.

## What reporting is required?

Grantees must submit a final report with receipts and photographs within 60 days after the end of the project.
Grantees that do not report on time cannot apply in the following year.

## Whom can we contact?

Mr. Apichart Sornsuwan, Chief of the Sister Cities Section, International Affairs Office, tel. 0 2447 5126,
e-mail smallgrants@iao.phanthawi.example.
"""


def _texts() -> None:
    (DOCS / "press-release-quillon-harbour-30th-anniversary.txt").write_text(PRESS, encoding="utf-8")
    (DOCS / "faq-sister-city-small-grants-2026.md").write_text(FAQ, encoding="utf-8")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    _pdfs()
    _minutes()
    _thai_memo()
    _visit_report()
    _texts()


if __name__ == "__main__":
    main()
