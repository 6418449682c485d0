// A hash table of 64-bit keys to ints, open addressing with linear probing, for the dictionary walk
// (search_kernel.pyx): it asks thousands of "seen this state?" questions per word, and the standard
// library's node-based tables spent most of their time allocating.
#pragma once

#include <cstdint>
#include <vector>

namespace ocr_fix {

class FlatTable {
public:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);  // no key may take this value

    explicit FlatTable(std::size_t capacity = 1024) { reset(capacity); }

    // Empty the table, keeping room for about `capacity` keys.
    void reset(std::size_t capacity) {
        std::size_t size = 16;
        while (size < capacity * 2) size <<= 1;
        if (keys_.size() != size) {
            keys_.assign(size, kEmpty);
            values_.assign(size, 0);
        } else {
            std::fill(keys_.begin(), keys_.end(), kEmpty);
        }
        mask_ = size - 1;
        count_ = 0;
    }

    // The value of `key`, or -1.
    int find(std::uint64_t key) const {
        for (std::size_t slot = mix(key) & mask_;; slot = (slot + 1) & mask_) {
            if (keys_[slot] == key) return values_[slot];
            if (keys_[slot] == kEmpty) return -1;
        }
    }

    bool contains(std::uint64_t key) const { return find(key) >= 0; }

    // Store `key` -> `value` unless the key is there; whether it was added.
    bool insert(std::uint64_t key, int value) {
        if ((count_ + 1) * 2 > keys_.size()) grow();
        for (std::size_t slot = mix(key) & mask_;; slot = (slot + 1) & mask_) {
            if (keys_[slot] == key) return false;
            if (keys_[slot] == kEmpty) {
                keys_[slot] = key;
                values_[slot] = value;
                ++count_;
                return true;
            }
        }
    }

    std::size_t size() const { return count_; }

private:
    static std::uint64_t mix(std::uint64_t h) {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h;
    }

    void grow() {
        std::vector<std::uint64_t> keys;
        std::vector<int> values;
        keys.swap(keys_);
        values.swap(values_);
        keys_.assign(keys.size() * 2, kEmpty);
        values_.assign(keys.size() * 2, 0);
        mask_ = keys_.size() - 1;
        count_ = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != kEmpty) insert(keys[i], values[i]);
        }
    }

    std::vector<std::uint64_t> keys_;
    std::vector<int> values_;
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

}  // namespace ocr_fix
