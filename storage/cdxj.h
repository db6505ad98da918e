// CDXJ index lines for WARC records (pywb / WACZ convention).
//
// One line per capture: `urlkey SP timestamp SP {json}` (writer checklist
// "CDXJ"). Which records get a line and what each JSON value holds follows
// warcio.js `cdx-index` (2.4), the indexer ReplayWeb.page and WACZ tools use,
// so our indexes agree with theirs:
//   - skipped: warcinfo and request records, and metadata / resource records
//     whose Content-Type is application/warc-fields; every other type (unknown
//     ones too) is indexed;
//   - url: WARC-Target-URI; urlkey: its SURT form (core::SurtKey, as pywb keys
//     it) for http(s) URLs, the URI unchanged otherwise (e.g. "metadata://...");
//   - timestamp: WARC-Date without '-', ':' and 'T', first 14 characters;
//   - mime: "warc/revisit" for revisits, the HTTP Content-Type without
//     parameters for response/request records, the WARC Content-Type otherwise;
//   - status: the HTTP status code of response and revisit records (revisits
//     only when they carry HTTP headers); digest: WARC-Payload-Digest without
//     its "sha1:" label; offset, length (the record's gzip member) and
//     filename; numbers are written as JSON strings, as warcio.js does.
// One deliberate difference: angle brackets around WARC-Target-URI (wget >=
// 1.19.4 writes them) are dropped, as pywb and warcio (Python) do; warcio.js
// keeps them and then cannot key the URL.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/warc_reader.h"

namespace newsvault::storage {

// True when CDXJ indexers give this record a line (see above).
bool CdxjIndexesRecord(const WarcRecordView& record);

// "20150708215513" from "2015-07-08T21:55:13Z" (or from a fractional WARC/1.1
// date): warcio.js's rule, which keeps whatever digits the date has.
std::string CdxjTimestamp(std::string_view warc_date);

// The urlkey for a WARC-Target-URI (see above).
std::string CdxjUrlKey(std::string_view target_uri);

// The whole line (without '\n') for `record` found in the file called
// `filename` (its base name), or nullopt for a record indexers skip.
std::optional<std::string> CdxjLine(const WarcRecordView& record, std::string_view filename);

}  // namespace newsvault::storage
