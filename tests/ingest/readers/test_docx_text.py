"""A Word file's text where templates put it: content controls (a cover page, a form's filled-in fields), text boxes
and tracked insertions are read once each, in reading order; nothing else changes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from assistant.config import Settings
from ingest.readers.docx_text import docx_lines
from ingest.readers.loaders import load_document

_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


def _form(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Friendship agreement renewal form", style="Title")
    body = document.element.body
    sectpr = body[-1]  # the section properties stay last
    sectpr.addprevious(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Prepared for the Governor, 3 March 2026</w:t></w:r>'
        f'</w:p></w:sdtContent></w:sdt>'))
    sectpr.addprevious(parse_xml(
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Term of the renewal: </w:t></w:r><w:sdt><w:sdtContent>'
        f'<w:r><w:t>four years</w:t></w:r></w:sdtContent></w:sdt><w:ins w:id="1" w:author="a"><w:r>'
        f'<w:t xml:space="preserve"> from signature</w:t></w:r></w:ins></w:p>'))
    box = '<w:txbxContent><w:p><w:r><w:t>Contact: Foreign Relations Division</w:t></w:r></w:p></w:txbxContent>'
    sectpr.addprevious(parse_xml(
        f'<w:p {nsdecls("w")} {_MC} {_WPS}><w:r><w:t>See the note beside.</w:t></w:r><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Field", "Value"
    table.cell(1, 0).text = "Partner city"
    cell = table.cell(1, 1)._tc
    cell.remove(cell.find(f"{{{cell.nsmap['w']}}}p"))
    cell.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Lumara</w:t></w:r></w:p>'
                          f'</w:sdtContent></w:sdt>'))
    document.save(path)
    return path


def test_controls_text_boxes_and_insertions_are_read_once_in_order(tmp_path: Path) -> None:
    lines = [line for line in docx_lines(docx.Document(_form(tmp_path / "form.docx"))) if line]
    assert lines[:5] == ["# Friendship agreement renewal form", "Prepared for the Governor, 3 March 2026",
                         "Term of the renewal: four years from signature", "See the note beside.",
                         "Contact: Foreign Relations Division"]
    assert sum("Foreign Relations Division" in line for line in lines) == 1  # the old readers' copy is not read
    assert any("Partner city" in line and "Lumara" in line for line in lines)


def test_a_form_is_loaded_with_its_filled_in_fields(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = _form(folder / "renewal-form.docx")
    text = load_document(path, folder, Settings(data_dir=tmp_path / "data")).pages[0].text
    assert "four years from signature" in text and "3 March 2026" in text and "Lumara" in text
