"""Russian word forms, word frequencies and the combined vocabulary the rules consult."""
