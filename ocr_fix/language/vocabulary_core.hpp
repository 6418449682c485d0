// The word index's look-ups for long texts, in C++ (wrapped for Python by vocabulary_kernel.pyx).
//
// Each function repeats a look-up written in Python, with the same results in the same order:
//   one_edit_words   the vocabulary's words among confusion.single_edit_sources(printed, max_cost)
//   shortlist_near   candidates._shortlist(printed, WordIndex.words_near(printed))
//   similar_choices  the words candidates._long_word_candidates compares a long garbled word with,
//                    less those whose common subsequence with it cannot give the similarity it asks for
//
// Why it is fast: a look-up tries hundreds of strings (every misreading of a word, every skeleton one
// edit away) and finds few. Each tried string is never built: its polynomial hash is worked out from
// the printed string's prefix hashes, and a one-megabyte Bloom filter, which stays in the processor's
// cache, turns nearly all of them away before the hash table is read. Only a string whose full hash
// is in the table is built and compared.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../confusion_core.hpp"

namespace ocr_fix {

using Text = std::u32string;
using Hash = std::uint64_t;

constexpr Hash kBase = 0x100000001B3ULL;  // odd: the polynomial hash is sum(c_i * kBase^(n-1-i)), mod 2^64

// The polynomial hash is good for deriving one string's hash from another's, but its low bits are
// poor: table slots and filter bits are taken from a mixed copy.
inline Hash mix(Hash h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

inline Hash hash_of(const char32_t* s, std::size_t n) {
    Hash h = 0;
    for (std::size_t i = 0; i < n; ++i) h = h * kBase + s[i];
    return h;
}

// Prefix hashes and powers of the base, for the hashes of strings one edit from `text`.
struct Hashes {
    std::vector<Hash> prefix;  // prefix[i]: hash of text[0..i)
    std::vector<Hash> power;  // power[k]: kBase^k
    explicit Hashes(const Text& text, std::size_t extra = 3) {
        const std::size_t n = text.size();
        prefix.assign(n + 1, 0);
        for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] * kBase + text[i];
        power.assign(n + extra + 1, 1);
        for (std::size_t k = 1; k < power.size(); ++k) power[k] = power[k - 1] * kBase;
    }
    // hash of text[i..j)
    Hash range(std::size_t i, std::size_t j) const { return prefix[j] - prefix[i] * power[j - i]; }
};

// A set of strings kept as ids into a caller's store: open addressing on the mixed hash, and a Bloom
// filter of three bits a string in front of it.
class StringTable {
public:
    void build(const std::vector<Hash>& hashes) {
        std::size_t size = 1;
        while (size < hashes.size() * 2 + 1) size <<= 1;
        mask_ = size - 1;
        slots_.assign(size, -1);
        hashes_ = hashes;
        filter_.assign(kFilterBits / 64, 0);
        for (std::size_t id = 0; id < hashes.size(); ++id) {
            const Hash mixed = mix(hashes[id]);
            std::size_t slot = mixed & mask_;
            while (slots_[slot] >= 0) slot = (slot + 1) & mask_;
            slots_[slot] = static_cast<int>(id);
            for (int k = 0; k < 3; ++k) {
                const Hash bit = (mixed >> (k * 21)) & (kFilterBits - 1);
                filter_[bit >> 6] |= 1ULL << (bit & 63);
            }
        }
    }

    // Ids whose hash equals `hash` (the caller compares the strings): -1 ends the list.
    template <typename Visit>
    void find(Hash hash, Visit visit) const {
        const Hash mixed = mix(hash);
        for (int k = 0; k < 3; ++k) {
            const Hash bit = (mixed >> (k * 21)) & (kFilterBits - 1);
            if (!(filter_[bit >> 6] & (1ULL << (bit & 63)))) return;
        }
        for (std::size_t slot = mixed & mask_; slots_[slot] >= 0; slot = (slot + 1) & mask_) {
            if (hashes_[slots_[slot]] == hash && visit(slots_[slot])) return;
        }
    }

private:
    static constexpr Hash kFilterBits = Hash(1) << 23;  // one megabyte
    std::vector<int> slots_;
    std::vector<Hash> hashes_;
    std::vector<Hash> filter_;
    std::size_t mask_ = 0;
};

// Letter bins for the shared-letters bound: а..я, ё, the hyphen, and one bin for everything else
// (characters sharing a bin can only raise the bound, so it stays a bound).
constexpr int kBins = 35;

inline int letter_bin(char32_t c) {
    if (c >= 0x430 && c <= 0x44F) return static_cast<int>(c - 0x430);
    if (c == 0x451) return 32;
    if (c == 0x2D) return 33;
    return 34;
}

// Plain edit distance, or cutoff + 1 as soon as it must exceed `cutoff`.
inline int levenshtein(const char32_t* a, int n, const char32_t* b, int m, int cutoff, std::vector<int>& row) {
    if (n - m > cutoff || m - n > cutoff) return cutoff + 1;
    row.resize(m + 1);
    for (int j = 0; j <= m; ++j) row[j] = j;
    for (int i = 1; i <= n; ++i) {
        int diagonal = row[0];
        row[0] = i;
        int low = i;
        for (int j = 1; j <= m; ++j) {
            const int above = row[j];
            int best = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            best = std::min(best, above + 1);
            best = std::min(best, row[j - 1] + 1);
            row[j] = best;
            diagonal = above;
            low = std::min(low, best);
        }
        if (low > cutoff) return cutoff + 1;
    }
    return row[m] <= cutoff ? row[m] : cutoff + 1;
}

// Strings close to a given one by plain edit distance, among a fixed list (the lexicons' name forms):
// what rapidfuzz's process.extract(token, forms, scorer=Levenshtein.distance, score_cutoff=k,
// limit=n) returns, without converting every form from Python on every call.
// Plain edit distance from one string to many (Hyyrö's bit-parallel form of Myers' algorithm): the
// printed word's letter positions as bit masks once, then a handful of word operations a letter of
// each other string. For printed words of up to 64 letters; `levenshtein` serves longer ones.
class BitDistance {
public:
    explicit BitDistance(const Text& pattern) : n_(static_cast<int>(pattern.size())) {
        for (int i = 0; i < n_ && i < 64; ++i) {
            const char32_t c = pattern[i];
            if (c >= 0x400 && c < 0x500) {
                cyrillic_[c - 0x400] |= std::uint64_t(1) << i;
            } else {
                bool found = false;
                for (auto& other : others_) {
                    if (other.first == c) {
                        other.second |= std::uint64_t(1) << i;
                        found = true;
                    }
                }
                if (!found) others_.emplace_back(c, std::uint64_t(1) << i);
            }
        }
    }

    bool usable() const { return n_ > 0 && n_ <= 64; }

    // The length of the longest common subsequence (Allison and Dix's bit-parallel algorithm).
    int common_subsequence(const char32_t* text, int m) const {
        const std::uint64_t all = n_ == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << n_) - 1;
        std::uint64_t s = all;
        for (int j = 0; j < m; ++j) {
            const std::uint64_t u = s & mask(text[j]);
            s = ((s + u) | (s - u)) & all;
        }
        return __builtin_popcountll(~s & all);
    }

    int distance(const char32_t* text, int m) const {
        std::uint64_t vp = n_ == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << n_) - 1, vn = 0;
        const std::uint64_t last = std::uint64_t(1) << (n_ - 1);
        int score = n_;
        for (int j = 0; j < m; ++j) {
            const std::uint64_t x = mask(text[j]) | vn;
            const std::uint64_t d0 = (((x & vp) + vp) ^ vp) | x;
            const std::uint64_t hp = vn | ~(d0 | vp);
            const std::uint64_t hn = vp & d0;
            if (hp & last) ++score;
            if (hn & last) --score;
            const std::uint64_t shifted = (hp << 1) | 1;
            vn = shifted & d0;
            vp = (hn << 1) | ~(shifted | d0);
        }
        return score;
    }

private:
    std::uint64_t mask(char32_t c) const {
        if (c >= 0x400 && c < 0x500) return cyrillic_[c - 0x400];
        for (const auto& other : others_) {
            if (other.first == c) return other.second;
        }
        return 0;
    }

    int n_;
    std::uint64_t cyrillic_[256] = {0};
    std::vector<std::pair<char32_t, std::uint64_t>> others_;
};

class FormList {
public:
    void add(const Text& form) {
        forms_.push_back(form);
        const std::size_t at = counts_.size();
        counts_.resize(at + kBins, 0);
        for (char32_t c : form) {
            unsigned char& slot = counts_[at + letter_bin(c)];
            if (slot < 255) ++slot;
        }
    }

    // (index, distance) of the forms within `cutoff` edits, closest first, then in list order; at most `limit`.
    std::vector<std::pair<int, int>> within(const Text& token, int cutoff, int limit) const {
        std::vector<std::pair<int, int>> out;
        std::vector<int> row;
        unsigned char own[kBins] = {0};
        for (char32_t c : token) {
            unsigned char& slot = own[letter_bin(c)];
            if (slot < 255) ++slot;
        }
        const int n = static_cast<int>(token.size());
        for (int id = 0; id < static_cast<int>(forms_.size()); ++id) {
            const Text& form = forms_[id];
            const int m = static_cast<int>(form.size());
            if (n - m > cutoff || m - n > cutoff) continue;
            // an edit changes the letter counts by at most two: a cheap bound turns most forms away
            const unsigned char* theirs = counts_.data() + static_cast<std::size_t>(id) * kBins;
            int apart = 0;
            for (int b = 0; b < kBins; ++b) apart += own[b] > theirs[b] ? own[b] - theirs[b] : theirs[b] - own[b];
            if ((apart + 1) / 2 > cutoff) continue;
            const int distance = levenshtein(token.data(), n, form.data(), m, cutoff, row);
            if (distance <= cutoff) out.emplace_back(id, distance);
        }
        std::stable_sort(out.begin(), out.end(), [](const std::pair<int, int>& a, const std::pair<int, int>& b) {
            return a.second < b.second;
        });
        if (static_cast<int>(out.size()) > limit) out.resize(limit);
        return out;
    }

private:
    std::vector<Text> forms_;
    std::vector<unsigned char> counts_;  // kBins letter counts a form
};

class Vocabulary {
public:
    // -- filling it ----------------------------------------------------------------------------------
    void add_word(const Text& word, double frequency) {
        offset_.push_back(chars_.size());
        chars_.insert(chars_.end(), word.begin(), word.end());
        zipf_.push_back(frequency);
    }
    void add_skeleton(char32_t letter, char32_t symbol) {
        if (letter >= skeleton_of_.size()) skeleton_of_.resize(letter + 1, 0);
        skeleton_of_[letter] = symbol;
    }
    void add_symbol(char32_t symbol) { symbols_.push_back(symbol); }
    void add_substitution(char32_t printed, char32_t true_letter, double cost) {
        substitutions_.push_back({printed, true_letter, cost});
        confusion_.add_substitution(printed, true_letter, cost);
    }
    void add_noise(char32_t printed, double cost) {
        noise_.emplace_back(printed, cost);
        confusion_.add_noise(printed, cost);
    }
    void set_defaults(double substitution, double indel, double swap, std::size_t aligned_length) {
        default_noise_ = indel;
        aligned_length_ = aligned_length;
        confusion_.set_defaults(substitution, indel, swap);
    }
    void add_multi(const Text& printed, const Text& true_text, double cost) {
        multi_.push_back({printed, true_text, cost});
        confusion_.add_multi(printed, true_text, cost);
    }
    void add_dropped(char32_t true_letter, double cost) {
        dropped_.emplace_back(true_letter, cost);
        confusion_.add_dropped(true_letter, cost);
    }

    // The confusion cost of OCR printing `p` for a vocabulary word (confusion.confusion_cost), or -1
    // for a string too long for the alignment it follows (the caller asks the Python then).
    double confusion_cost(int id, const Text& p) const {
        if (size(id) > aligned_length_ || p.size() > aligned_length_) return -1.0;
        return confusion_.confusion_cost(text(id), p);
    }

    // Once every word and table is in: the tables, the skeleton buckets, the length lists.
    void finish() {
        const int count = static_cast<int>(zipf_.size());
        offset_.push_back(chars_.size());
        std::vector<Hash> hashes(count);
        for (int id = 0; id < count; ++id) hashes[id] = hash_of(word(id), size(id));
        words_.build(hashes);
        // skeleton buckets: one for each skeleton, holding its words in vocabulary order
        std::vector<Hash> bucket_hashes;
        std::vector<int> bucket_of(count);
        {
            std::vector<int> first_word;
            std::vector<std::vector<int>> members;
            Text key;
            // bucket ids in order of first appearance; a small open-addressing map of skeleton -> bucket
            std::vector<int> slots(1 << 20, -1);
            while (slots.size() < static_cast<std::size_t>(count) * 2) slots.resize(slots.size() * 2, -1);
            const std::size_t mask = slots.size() - 1;
            for (int id = 0; id < count; ++id) {
                key.assign(word(id), size(id));
                skeletonise(key);
                const Hash h = hash_of(key.data(), key.size());
                std::size_t slot = mix(h) & mask;
                int bucket = -1;
                for (; slots[slot] >= 0; slot = (slot + 1) & mask) {
                    const int b = slots[slot];
                    if (bucket_hashes[b] == h && same_skeleton(first_word[b], key)) {
                        bucket = b;
                        break;
                    }
                }
                if (bucket < 0) {
                    bucket = static_cast<int>(bucket_hashes.size());
                    slots[slot] = bucket;
                    bucket_hashes.push_back(h);
                    first_word.push_back(id);
                    members.emplace_back();
                }
                members[bucket].push_back(id);
            }
            bucket_first_ = first_word;
            bucket_start_.push_back(0);
            for (const auto& m : members) {
                bucket_words_.insert(bucket_words_.end(), m.begin(), m.end());
                bucket_start_.push_back(static_cast<int>(bucket_words_.size()));
            }
        }
        buckets_.build(bucket_hashes);
        // words by length, each with its letter counts, for similar_choices
        for (int id = 0; id < count; ++id) {
            const std::size_t length = size(id);
            if (by_length_.size() <= length) by_length_.resize(length + 1);
            Lengths& group = by_length_[length];
            group.ids.push_back(id);
            group.zipf.push_back(zipf_[id]);
            const std::size_t at = group.counts.size();
            group.counts.resize(at + kBins, 0);
            for (std::size_t k = 0; k < length; ++k) {
                unsigned char& slot = group.counts[at + letter_bin(word(id)[k])];
                if (slot < 255) ++slot;
            }
        }
    }

    std::size_t count() const { return zipf_.size(); }
    double zipf(int id) const { return zipf_[id]; }
    const char32_t* word(int id) const { return chars_.data() + offset_[id]; }
    std::size_t size(int id) const { return offset_[id + 1] - offset_[id]; }
    Text text(int id) const { return Text(word(id), size(id)); }

    // -- the vocabulary's words one misreading from a printed word -----------------------------------

    // (word id, cost) in the order single_edit_sources first offers each at a cost within max_cost,
    // each at its cheapest cost; the printed string itself left out.
    std::vector<std::pair<int, double>> one_edit_words(const Text& p, double max_cost) const {
        std::vector<std::pair<int, double>> found;
        const std::size_t n = p.size();
        const Hashes h(p);
        Text candidate;
        // `build` writes the candidate out, only for a hash the table holds
        auto offer = [&](Hash hash, std::size_t length, double cost, auto build) {
            if (cost > max_cost || length == 0) return;
            bool built = false;
            words_.find(hash, [&](int id) {
                if (size(id) != length) return false;
                if (!built) {
                    build(candidate);
                    built = true;
                }
                if (!std::equal(candidate.begin(), candidate.end(), word(id))) return false;
                for (auto& f : found) {
                    if (f.first == id) {
                        f.second = std::min(f.second, cost);
                        return true;
                    }
                }
                found.emplace_back(id, cost);
                return true;
            });
        };
        const Hash whole = h.prefix[n];
        for (std::size_t i = 0; i < n; ++i) {
            for (const auto& s : substitutions_) {
                if (s.printed != p[i]) continue;
                const Hash hash = whole + (static_cast<Hash>(s.true_letter) - p[i]) * h.power[n - 1 - i];
                offer(hash, n, s.cost, [&](Text& c) { c = p; c[i] = s.true_letter; });
            }
            const Hash deleted = h.prefix[i] * h.power[n - 1 - i] + h.range(i + 1, n);
            offer(deleted, n - 1, noise_cost(p[i]), [&](Text& c) { c = p; c.erase(i, 1); });
            if (i + 1 < n) {
                for (const auto& m : multi_) {
                    if (m.printed[0] != p[i] || m.printed[1] != p[i + 1]) continue;
                    const std::size_t length = n - 2 + m.true_text.size();
                    const Hash hash = (h.prefix[i] * h.power[m.true_text.size()] +
                                       hash_of(m.true_text.data(), m.true_text.size())) * h.power[n - i - 2] +
                                      h.range(i + 2, n);
                    offer(hash, length, m.cost, [&](Text& c) { c = p; c.replace(i, 2, m.true_text); });
                }
            }
        }
        for (std::size_t i = 0; i <= n; ++i) {
            for (const auto& d : dropped_) {
                const Hash hash = (h.prefix[i] * kBase + d.first) * h.power[n - i] + h.range(i, n);
                offer(hash, n + 1, d.second, [&](Text& c) { c = p; c.insert(c.begin() + i, d.first); });
            }
        }
        const double swap = confusion_.swap_cost();
        if (swap <= max_cost) {
            for (std::size_t i = 0; i + 1 < n; ++i) {
                if (p[i] == p[i + 1]) continue;
                const Hash hash = whole + (static_cast<Hash>(p[i + 1]) - p[i]) * h.power[n - 1 - i] +
                                  (static_cast<Hash>(p[i]) - p[i + 1]) * h.power[n - 2 - i];
                offer(hash, n, swap, [&](Text& c) { c = p; std::swap(c[i], c[i + 1]); });
            }
        }
        int own = -1;
        words_.find(whole, [&](int id) {
            if (size(id) == n && std::equal(p.begin(), p.end(), word(id))) {
                own = id;
                return true;
            }
            return false;
        });
        if (own >= 0) {
            found.erase(std::remove_if(found.begin(), found.end(),
                                       [&](const std::pair<int, double>& f) { return f.first == own; }),
                        found.end());
        }
        return found;
    }

    // -- the closest words of the skeleton neighbourhood ---------------------------------------------

    // Word ids whose skeleton is the printed string's or one class-edit from it (a letter lost, two
    // lost, a speck added, a letter of another class), within `cutoff` plain edits of the printed
    // string: closest first, then most frequent, then in code-point order; at most `limit`.
    std::vector<int> shortlist_near(const Text& p, int limit, int cutoff) const {
        Text key = p;
        skeletonise(key);
        const std::size_t n = key.size();
        const Hashes h(key);
        std::vector<int> pool;  // buckets, each once
        Text candidate;
        auto bucket = [&](Hash hash, auto build) {
            bool built = false;
            buckets_.find(hash, [&](int b) {
                if (!built) {
                    build(candidate);
                    built = true;
                }
                if (!same_skeleton(bucket_first_[b], candidate)) return false;
                if (std::find(pool.begin(), pool.end(), b) == pool.end()) pool.push_back(b);
                return true;
            });
        };
        const Hash whole = h.prefix[n];
        bucket(whole, [&](Text& c) { c = key; });
        for (std::size_t i = 0; i < n; ++i) {
            bucket(h.prefix[i] * h.power[n - 1 - i] + h.range(i + 1, n), [&](Text& c) { c = key; c.erase(i, 1); });
            for (std::size_t j = i + 1; j < n; ++j) {  // two letters lost: i, and j after it
                const Hash hash = (h.prefix[i] * h.power[j - i - 1] + h.range(i + 1, j)) * h.power[n - j - 1] +
                                  h.range(j + 1, n);
                bucket(hash, [&](Text& c) { c = key; c.erase(j, 1); c.erase(i, 1); });
            }
        }
        for (std::size_t i = 0; i <= n; ++i) {
            for (char32_t symbol : symbols_) {
                const Hash hash = (h.prefix[i] * kBase + symbol) * h.power[n - i] + h.range(i, n);
                bucket(hash, [&](Text& c) { c = key; c.insert(c.begin() + i, symbol); });
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            for (char32_t symbol : symbols_) {
                const Hash hash = whole + (static_cast<Hash>(symbol) - key[i]) * h.power[n - 1 - i];
                bucket(hash, [&](Text& c) { c = key; c[i] = symbol; });
            }
        }
        struct Ranked {
            int distance;
            double negative_zipf;
            int id;
        };
        std::vector<Ranked> ranked;
        std::vector<int> row;
        const BitDistance bits(p);
        const int length = static_cast<int>(p.size());
        for (int b : pool) {
            for (int k = bucket_start_[b]; k < bucket_start_[b + 1]; ++k) {
                const int id = bucket_words_[k];
                const int m = static_cast<int>(size(id));
                if (length - m > cutoff || m - length > cutoff) continue;
                const int distance = bits.usable() ? bits.distance(word(id), m)
                                                   : levenshtein(p.data(), length, word(id), m, cutoff, row);
                if (distance <= cutoff) ranked.push_back({distance, -zipf_[id], id});
            }
        }
        std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
            if (a.distance != b.distance) return a.distance < b.distance;
            if (a.negative_zipf != b.negative_zipf) return a.negative_zipf < b.negative_zipf;
            return std::lexicographical_compare(word(a.id), word(a.id) + size(a.id), word(b.id), word(b.id) + size(b.id));
        });
        std::vector<int> out;
        for (std::size_t i = 0; i < ranked.size() && static_cast<int>(i) < limit; ++i) out.push_back(ranked[i].id);
        return out;
    }

    // -- a long garbled word -------------------------------------------------------------------------

    // Word ids of `shortest`..`longest` letters and at least `min_zipf`, in vocabulary order by
    // length, whose letters shared with the printed string allow a similarity ratio (200 x common
    // subsequence / total length) of `min_ratio`: the shared letters bound the common subsequence,
    // so none that could reach the ratio is left out.
    std::vector<int> similar_choices(const Text& p, int shortest, int longest, double min_zipf, double min_ratio) const {
        unsigned char own[kBins] = {0};
        for (char32_t c : p) {
            unsigned char& slot = own[letter_bin(c)];
            if (slot < 255) ++slot;
        }
        std::vector<int> out;
        const BitDistance bits(p);
        for (int length = std::max(shortest, 0); length <= longest && length < static_cast<int>(by_length_.size()); ++length) {
            const Lengths& group = by_length_[length];
            const double total = static_cast<double>(p.size() + length);
            for (std::size_t k = 0; k < group.ids.size(); ++k) {
                if (group.zipf[k] < min_zipf) continue;
                const unsigned char* theirs = group.counts.data() + k * kBins;
                int shared = 0;
                for (int b = 0; b < kBins; ++b) shared += std::min(own[b], theirs[b]);
                if (200.0 * shared / total < min_ratio - 1e-6) continue;  // the shared letters bound it
                const int id = group.ids[k];
                // then the subsequence itself, where the printed word is short enough for one machine word
                if (bits.usable() && 200.0 * bits.common_subsequence(word(id), length) / total < min_ratio - 1e-6) continue;
                out.push_back(id);
            }
        }
        return out;
    }

private:
    struct Substitution {
        char32_t printed;
        char32_t true_letter;
        double cost;
    };
    struct Multi {
        Text printed;
        Text true_text;
        double cost;
    };
    struct Lengths {
        std::vector<int> ids;
        std::vector<double> zipf;
        std::vector<unsigned char> counts;  // kBins a word
    };

    double noise_cost(char32_t c) const {
        for (const auto& entry : noise_) {
            if (entry.first == c) return entry.second;
        }
        return default_noise_;
    }

    void skeletonise(Text& text) const {
        for (char32_t& c : text) {
            if (c < skeleton_of_.size() && skeleton_of_[c]) c = skeleton_of_[c];
        }
    }

    bool same_skeleton(int id, const Text& key) const {
        if (size(id) != key.size()) return false;
        const char32_t* w = word(id);
        for (std::size_t i = 0; i < key.size(); ++i) {
            char32_t c = w[i];
            if (c < skeleton_of_.size() && skeleton_of_[c]) c = skeleton_of_[c];
            if (c != key[i]) return false;
        }
        return true;
    }

    std::vector<char32_t> chars_;
    std::vector<std::size_t> offset_;
    std::vector<double> zipf_;
    StringTable words_;
    std::vector<char32_t> skeleton_of_;  // letter -> the symbol of its class, 0 for none
    std::vector<char32_t> symbols_;
    StringTable buckets_;
    std::vector<int> bucket_first_;  // a word of each bucket: its skeleton is the bucket's
    std::vector<int> bucket_start_;
    std::vector<int> bucket_words_;
    std::vector<Substitution> substitutions_;  // in the table's order
    std::vector<std::pair<char32_t, double>> noise_;
    double default_noise_ = 1.0;
    std::size_t aligned_length_ = 0;  // the longest strings the compiled alignment follows rapidfuzz on
    ConfusionModel confusion_;  // the same tables, for the costs of shortlisted words
    std::vector<Multi> multi_;
    std::vector<std::pair<char32_t, double>> dropped_;  // in the table's order
    std::vector<Lengths> by_length_;
};

}  // namespace ocr_fix
