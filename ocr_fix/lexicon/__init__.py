"""Reading the plain-text lexicons (names, places, abbreviations, terms) that ship in `lexicons/`."""
