"""Text to tokens: the underthesea tokenizer with exact offsets and sentences, the CRF
tagger (POS, chunk, NER), long texts in pieces, and the Doc extensions every stage uses."""
