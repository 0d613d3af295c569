// Reading data files: one reader per format (text and gzip text, JSON, JSON Lines, CSV, Parquet, Arrow), one set of
// field getters, one RowProblem and one bad-row policy. Every loader, the Hugging Face loaders, the importer and the
// pair-file readers read through here, so one kind of bad input gets one answer everywhere:
// - Records: JSON Lines and CSV rows are numbered by their 1-based line (where a multi-line CSV record starts);
//   JSON array elements, Parquet and Arrow rows by their 0-based row. Blank lines are skipped but counted.
// - Bad rows: a record that cannot be read on its own (a JSON Lines line that is not JSON: corrupt-json; a CSV row
//   whose field count differs from the header's: csv-field-count; a string whose bytes are not UTF-8: invalid-utf8),
//   a record that is not an object (wrong-type, field "(record)"), and a RowProblem thrown by a row handler are all
//   bad rows. The caller picks the policy (ReadOptions.strict): quarantine the row with its reason and count it
//   (default), or fail the whole file with an InputError naming file, row and field. Nothing is dropped silently.
// - Whole-file errors (always an InputError naming the file, and the line where one is known): a missing file, a
//   file named .gz that is not gzip, truncated or corrupt gzip, a JSON document that does not parse or holds no record
//   array, an unterminated CSV quote or text after a closing quote, an empty CSV, a repeated CSV column name, an
//   unreadable Parquet or Arrow file. These break the framing, so no later record can be trusted.
// - UTF-8: one fatal decoder for all formats; bad bytes are never turned into U+FFFD. A leading byte-order mark is
//   dropped. A bad string makes its row a bad row (invalid-utf8) naming the field, in every format alike.
// - Getter reasons are the schema's stable codes (validate.ts): missing-field (absent or null), wrong-type,
//   empty-string (empty or whitespace-only text), bad-value. Numbers: a number, or text holding a plain decimal number
//   (CSV has no number type); anything else is wrong-type, NaN and infinities bad-value.
export * from './problem.js';
export * from './utf8.js';
export * from './text.js';
export * from './path.js';
export * from './jsonErrorPosition.js';
export * from './json.js';
export * from './jsonl.js';
export * from './csv.js';
export * from './parquet.js';
export * from './arrow.js';
export * from './records.js';
export * from './getters.js';
export * from './walk.js';
