// Author names from what pages write in bylines and author fields:
// "By Jane Doe and John Roe", "Von Max Muster, dpa", "Као Фонг (по данным
// SCMP, Reuters)", "jane@example.com", "https://facebook.com/jane".
//
// Stages: drop bracketed asides, strip lead-in words ("By", "Von", "Par",
// "Автор:", "di", "بقلم", "作者："), split on list separators ("and", "und",
// "и", ",", "&"), split a "Name/AGENCY" slash and space-separated CJK names
// ("李华 张伟"), strip CJK role suffixes ("기자"), then keep only pieces that
// look like a person's name (no URL, e-mail, @handle, digits, agency, role
// word or capitalised agency code like "PAP", at most a few words).
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

// A name has at most this many words and bytes ("Maria de los Angeles Ruiz Garcia").
inline constexpr int kMaxNameWords = 6;
inline constexpr size_t kMaxNameBytes = 80;

// The person names in a byline or author field, in order, without duplicates.
std::vector<std::string> ParseAuthorNames(std::string_view byline);

// Removes from `names` those naming an organisation of the page (its site
// name or publisher): "Portal G SP" on Portal G, a paper's name in its own
// author meta. A name containing an organisation's name goes too.
void DropOrganizationNames(std::vector<std::string>& names,
                           const std::vector<std::string_view>& organizations);

// Adds `names` to `out`, skipping ones already present (compared without case).
void MergeNames(std::vector<std::string>& out, const std::vector<std::string>& names);

}  // namespace newsvault::parser
