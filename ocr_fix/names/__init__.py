"""Period names: Palladius syllables, Korean syllables, name forms and their case endings."""
