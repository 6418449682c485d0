"""A small text with proposals of every bin, shared by the review-file, decision and terminal tests."""

from ocr_fix.proposal import Proposal

TEXT = "Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\r\nСкопие копий воспрещается.\r\n"
PROPOSALS = [
    Proposal(11, 22, "МАС ЦЗЭ-ДУИ", "МАО ЦЗЭ-ДУН", 0.6, "name-near-miss", "resembles МАО", "review", ("МАО ЦЗЕ-ДУН",)),
    Proposal(53, 60, "войскак", "войск", 0.39, "unknown-word", "not a known word", "auto", ("войска", "войсках")),
    Proposal(67, 73, "Скопие", "Снятие", 0.23, "unknown-word", "set phrase", "auto"),
    Proposal(74, 79, "копий", "", 0.0, "real-word", "suspicious", "flag"),
]
