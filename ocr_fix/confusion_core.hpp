// The confusion costs of confusion.py, in C++ (wrapped for Python by confusion_kernel.pyx).
//
//   weighted_distance  the cheapest way OCR could have turned a true word into a printed one, under
//                      the confusion model (the exact dynamic programme of confusion.weighted_distance)
//   confusion_cost     the fast estimate of confusion.confusion_cost: the model's costs summed along
//                      the plain edit-distance alignment; the exact distance when the printed word
//                      holds a split or merged letter
//
// The alignment is the one rapidfuzz's Levenshtein.editops gives (the Python code asks it for one):
// common prefix and suffix set aside, the edit-distance table of the rest is walked back from its
// last cell, taking a deletion where the cell is one more than the cell one true letter back, else
// stepping one printed letter back and taking an insertion where that cell is one less than the
// cell one true letter back, else a match or replacement. The costs are added in text order, as the
// Python does, so the sums agree to the last bit. tests/test_confusion_kernel.py checks both against
// the Python on many pairs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ocr_fix {

class ConfusionModel {
public:
    void add_substitution(char32_t printed, char32_t true_letter, double cost) {
        substitutions_[printed].emplace_back(true_letter, cost);
    }
    void add_noise(char32_t printed, double cost) { noise_[printed] = cost; }
    void add_dropped(char32_t true_letter, double cost) { dropped_[true_letter] = cost; }
    void add_multi(const std::u32string& printed, const std::u32string& true_text, double cost) {
        multi_[key(printed[0], printed[1])].emplace_back(true_text, cost);
    }
    void set_defaults(double substitution, double indel, double swap) {
        default_substitution_ = substitution;
        default_indel_ = indel;
        swap_ = swap;
    }
    double swap_cost() const { return swap_; }

    double substitution_cost(char32_t true_letter, char32_t printed) const {
        if (true_letter == printed) return 0.0;
        auto options = substitutions_.find(printed);
        if (options != substitutions_.end()) {
            for (const auto& option : options->second) {
                if (option.first == true_letter) return option.second;
            }
        }
        return default_substitution_;
    }
    double noise_cost(char32_t printed) const {
        auto found = noise_.find(printed);
        return found == noise_.end() ? default_indel_ : found->second;
    }
    double dropped_cost(char32_t true_letter) const {
        auto found = dropped_.find(true_letter);
        return found == dropped_.end() ? default_indel_ : found->second;
    }

    bool has_multi_marker(const std::u32string& printed) const {
        for (std::size_t j = 0; j + 1 < printed.size(); ++j) {
            if (multi_.count(key(printed[j], printed[j + 1]))) return true;
        }
        return false;
    }

    double weighted_distance(const std::u32string& t, const std::u32string& p) const {
        const std::size_t n = t.size(), m = p.size();
        std::vector<double> noise(m);
        for (std::size_t j = 0; j < m; ++j) noise[j] = noise_cost(p[j]);
        std::vector<const std::vector<std::pair<std::u32string, double>>*> multi(m + 1, nullptr);
        for (std::size_t j = 2; j <= m; ++j) {
            auto found = multi_.find(key(p[j - 2], p[j - 1]));
            if (found != multi_.end()) multi[j] = &found->second;
        }
        // rows[i][j]: the cheapest way to print p[0..j) for t[0..i)
        std::vector<std::vector<double>> rows(n + 1, std::vector<double>(m + 1, 0.0));
        for (std::size_t j = 1; j <= m; ++j) rows[0][j] = rows[0][j - 1] + noise[j - 1];
        for (std::size_t i = 1; i <= n; ++i) {
            const std::vector<double>& up = rows[i - 1];
            std::vector<double>& current = rows[i];
            const char32_t letter = t[i - 1];
            const double drop = dropped_cost(letter);
            current[0] = up[0] + drop;
            for (std::size_t j = 1; j <= m; ++j) {
                const char32_t printed = p[j - 1];
                double best = up[j - 1] + (letter == printed ? 0.0 : substitution_cost(letter, printed));
                best = std::min(best, std::min(up[j] + drop, current[j - 1] + noise[j - 1]));
                if (multi[j] != nullptr) {
                    for (const auto& reading : *multi[j]) {
                        const std::size_t k = reading.first.size();
                        if (i >= k && t.compare(i - k, k, reading.first) == 0) {
                            best = std::min(best, rows[i - k][j - 2] + reading.second);
                        }
                    }
                }
                if (i >= 2 && j >= 2 && letter == p[j - 2] && t[i - 2] == printed && letter != printed) {
                    best = std::min(best, rows[i - 2][j - 2] + swap_);  // swapped neighbours
                }
                current[j] = best;
            }
        }
        return rows[n][m];
    }

    double confusion_cost(const std::u32string& t, const std::u32string& p) const {
        if (has_multi_marker(p)) return weighted_distance(t, p);
        // the common prefix and suffix need no edit
        std::size_t prefix = 0;
        while (prefix < t.size() && prefix < p.size() && t[prefix] == p[prefix]) ++prefix;
        std::size_t suffix = 0;
        while (suffix < t.size() - prefix && suffix < p.size() - prefix &&
               t[t.size() - 1 - suffix] == p[p.size() - 1 - suffix]) {
            ++suffix;
        }
        const std::size_t n = t.size() - prefix - suffix, m = p.size() - prefix - suffix;
        const char32_t* a = t.data() + prefix;  // true letters: the table's first dimension
        const char32_t* b = p.data() + prefix;
        // d[i * (m + 1) + j]: the plain edit distance of a[0..i) and b[0..j)
        std::vector<int> d((n + 1) * (m + 1));
        auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * (m + 1) + j]; };
        for (std::size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<int>(i);
        for (std::size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j);
        for (std::size_t i = 1; i <= n; ++i) {
            for (std::size_t j = 1; j <= m; ++j) {
                at(i, j) = std::min({at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1), at(i - 1, j) + 1, at(i, j - 1) + 1});
            }
        }
        // walk back, collecting each edit's cost; they are added in text order below
        std::vector<double> costs;
        std::size_t col = n, row = m;  // col: true letters, row: printed letters
        while (row != 0 && col != 0) {
            if (at(col, row) - at(col - 1, row) == 1) {
                --col;
                costs.push_back(dropped_cost(a[col]));  // a true letter lost
            } else {
                --row;
                if (row != 0 && at(col, row) - at(col - 1, row) == -1) {
                    costs.push_back(noise_cost(b[row]));  // a printed letter of no true one
                } else {
                    --col;
                    if (a[col] != b[row]) costs.push_back(substitution_cost(a[col], b[row]));
                }
            }
        }
        while (col != 0) costs.push_back(dropped_cost(a[--col]));
        while (row != 0) costs.push_back(noise_cost(b[--row]));
        double total = 0.0;
        for (auto cost = costs.rbegin(); cost != costs.rend(); ++cost) total += *cost;
        return total;
    }

private:
    static std::uint64_t key(char32_t a, char32_t b) {
        return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint64_t>(b);
    }

    std::unordered_map<char32_t, std::vector<std::pair<char32_t, double>>> substitutions_;
    std::unordered_map<char32_t, double> noise_;
    std::unordered_map<char32_t, double> dropped_;
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::u32string, double>>> multi_;
    double default_substitution_ = 1.0;
    double default_indel_ = 1.0;
    double swap_ = 0.0;
};

}  // namespace ocr_fix
