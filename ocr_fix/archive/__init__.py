"""Evidence from a whole archive: what recurs across its files (`profile`), and what its reviewers
decided (`decisions`)."""
