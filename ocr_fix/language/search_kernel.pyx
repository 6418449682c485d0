# distutils: language = c++
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The dictionary walk of `search.FormSearch.near`, compiled: the same moves, the same order of
visits, the same results, about ten times faster.

`search.py` holds the walk in Python and says what it does; this file repeats it with C structures
(a heap of plain records, prefixes interned as (parent, letter) pairs) because a million-word text
runs it tens of thousands of times. `tests/test_search.py` checks that both give identical results.
Built by `hatch_build.py` when a C++ compiler is at hand; ocr-fix runs without it.
"""

from libc.stdint cimport int64_t, uint32_t, uint64_t
from libcpp.vector cimport vector


cdef extern from "flat_table.hpp" namespace "ocr_fix" nogil:
    cdef cppclass FlatTable:
        FlatTable()
        void reset(size_t)
        int find(uint64_t)
        bint contains(uint64_t)
        bint insert(uint64_t, int)
        size_t size()

# dawg_python's unit layout (dawg_python/units.py)
cdef uint32_t PRECISION_MASK = 0xFFFFFFFF
cdef uint32_t EXTENSION_BIT = 1 << 9
cdef uint32_t LABEL_MASK = (1u << 31) | 0xFF

DEF LETTERS = 33  # а..я without ё, and the hyphen: the letters of `search._LETTERS`, by position
DEF HYPHEN = 32
DEF NO_LETTER = 63
DEF SINGLE = 0  # a heap entry for one path
DEF ANY_LETTER = 1  # a generic substitution: any letter of a node, but those the position skips
DEF RESTORED = 2  # a restored letter: the letters of a node whose restoring costs `bundle_cost`


cdef struct Entry:
    double cost
    int64_t order
    int pos
    int node
    int prefix
    int generic_left
    int inserts_left
    int bundle
    int bundle_node
    int bundle_skip
    double bundle_cost


cdef struct Node:
    int count
    bint is_word
    unsigned char letters[LETTERS]  # the letters continuing the prefix, in the automaton's order
    int child_of[LETTERS]  # letter -> child node, -1 where the prefix does not continue


DEF NODES_KEPT = 100_000  # nodes read from the automaton are kept: every walk starts at the same few


cdef inline bint _before(const Entry* a, const Entry* b) noexcept nogil:
    return a.cost < b.cost or (a.cost == b.cost and a.order < b.order)


cdef class DictionaryWalk:
    cdef const uint32_t[:] units
    cdef const unsigned char[:] guide
    cdef int root
    cdef double restore_cost[LETTERS]
    cdef vector[Node] nodes  # nodes already read, and where each is kept
    cdef FlatTable node_slot
    cdef FlatTable interned  # (prefix, letter) -> prefix id, for one walk
    cdef FlatTable settled  # (prefix, position) visited, for one walk

    def __init__(self, units, guide, int root, restore_costs):
        """`units` and `guide` are the automaton's arrays; `restore_costs` the cost of restoring
        each letter of the alphabet (in `search._LETTERS` order)."""
        self.units = units
        self.guide = guide
        self.root = root
        for i in range(LETTERS):
            self.restore_cost[i] = restore_costs[i]

    cdef int _byte_children(self, uint32_t index, uint32_t* labels, uint32_t* kids) noexcept nogil:
        cdef uint32_t label = self.guide[index * 2]
        cdef int count = 0
        if not label:
            return 0
        cdef uint32_t base = self.units[index]
        cdef uint32_t offset = ((base >> 10) << ((base & EXTENSION_BIT) >> 6)) & PRECISION_MASK
        cdef uint32_t child
        while label:
            child = (index ^ offset ^ label) & PRECISION_MASK
            if self.units[child] & LABEL_MASK != label:
                break
            labels[count] = label
            kids[count] = child
            count += 1
            label = self.guide[child * 2 + 1]
        return count

    cdef void _read(self, int index, Node* node) noexcept nogil:
        """The letters that continue a prefix, and whether it is a whole word (`\\x01` follows)."""
        cdef int slot = self.node_slot.find(<uint64_t>index)
        if slot >= 0:
            node[0] = self.nodes[slot]
            return
        self._fill(index, node)
        if self.nodes.size() >= NODES_KEPT:
            self.nodes.clear()
            self.node_slot.reset(NODES_KEPT)
        self.node_slot.insert(<uint64_t>index, <int>self.nodes.size())
        self.nodes.push_back(node[0])

    cdef void _fill(self, int index, Node* node) noexcept nogil:
        cdef uint32_t labels[256]
        cdef uint32_t kids[256]
        cdef uint32_t seconds[256]
        cdef uint32_t grandkids[256]
        cdef int count = self._byte_children(index, labels, kids)
        cdef int i, j, count2, letter
        node.count = 0
        node.is_word = False
        for i in range(LETTERS):
            node.child_of[i] = -1
        for i in range(count):
            if labels[i] == 1:
                node.is_word = True
            elif labels[i] == 0x2D:
                node.letters[node.count] = HYPHEN
                node.count += 1
                node.child_of[HYPHEN] = kids[i]
            elif labels[i] == 0xD0 or labels[i] == 0xD1:  # the lead bytes of Cyrillic letters in UTF-8
                count2 = self._byte_children(kids[i], seconds, grandkids)
                for j in range(count2):
                    letter = -1
                    if labels[i] == 0xD0 and 0xB0 <= seconds[j] <= 0xBF:
                        letter = seconds[j] - 0xB0  # а..п
                    elif labels[i] == 0xD1 and 0x80 <= seconds[j] <= 0x8F:
                        letter = seconds[j] - 0x80 + 16  # р..я
                    if letter >= 0:
                        node.letters[node.count] = letter
                        node.count += 1
                        node.child_of[letter] = grandkids[j]

    def near(self, int n, list exact, list substitutions, list multi, list noise, list skip, double budget,
             double generic_cost, double margin, int max_results, int max_states, str alphabet):
        """`FormSearch.near` for a printed string of `n` characters, given per position: the letter
        printed (-1 if none of the alphabet), its confusions [(letter, cost)], its multi-letter readings
        [((letters...), cost)], the cost of it being noise, and the letters a generic substitution
        leaves to the cheaper moves (a bit mask)."""
        cdef vector[Entry] heap
        cdef vector[int] parent  # prefix id -> the prefix one letter shorter
        cdef vector[int] last_letter  # prefix id -> its last letter
        cdef FlatTable* interned = &self.interned
        cdef FlatTable* settled = &self.settled
        cdef vector[int] found_prefix
        cdef vector[double] found_cost
        cdef int64_t counter = 1
        cdef int expansions = 0
        cdef bint have_best = False
        cdef double best = 0.0
        cdef Entry e, top
        cdef Node node, other
        cdef int k, i, t, g, pos, after, letter, target, pid, groups
        cdef double c
        cdef int group_size[LETTERS]
        cdef double group_cost[LETTERS]
        cdef vector[int] exact_at = exact
        cdef vector[double] noise_at = noise
        cdef vector[uint64_t] skip_at = skip
        cdef vector[vector[int]] sub_letters
        cdef vector[vector[double]] sub_costs
        cdef vector[vector[vector[int]]] multi_letters
        cdef vector[vector[double]] multi_costs
        for pos in range(n):
            sub_letters.push_back([letter for letter, _cost in substitutions[pos]])
            sub_costs.push_back([_cost for _letter, _cost in substitutions[pos]])
            multi_letters.push_back([list(letters) for letters, _cost in multi[pos]])
            multi_costs.push_back([_cost for _letters, _cost in multi[pos]])
        parent.push_back(-1)
        last_letter.push_back(NO_LETTER)
        interned.reset(4096)
        settled.reset(4096)

        e.cost = 0.0
        e.order = 0
        e.pos = 0
        e.node = self.root
        e.prefix = 0
        e.generic_left = 1
        e.inserts_left = 1
        e.bundle = SINGLE
        e.bundle_node = -1
        e.bundle_skip = -1
        e.bundle_cost = 0.0
        heap.push_back(e)
        while heap.size():
            top = heap[0]
            _pop(heap)
            if have_best and top.cost > best + margin:
                break
            if top.bundle != SINGLE:
                # spread a bundle out: each letter gets the order number it would have had alone
                self._read(top.bundle_node, &node)
                k = 0
                for i in range(node.count):
                    letter = node.letters[i]
                    if top.bundle == RESTORED and self.restore_cost[letter] != top.bundle_cost:
                        continue
                    k += 1
                    if top.bundle == ANY_LETTER and (skip_at[top.bundle_skip] >> letter) & 1:
                        continue
                    if settled.contains(_key(top.prefix, letter, top.pos)):
                        continue
                    e = top
                    e.order = top.order + k
                    e.node = node.child_of[letter]
                    e.prefix = _intern(interned[0], parent, last_letter, top.prefix, letter)
                    e.bundle = SINGLE
                    _push(heap, e)
                continue
            if settled.contains(_key(parent[top.prefix], last_letter[top.prefix], top.pos)):
                continue
            settled.insert(_key(parent[top.prefix], last_letter[top.prefix], top.pos), 0)
            expansions += 1
            if expansions > max_states:
                break
            self._read(top.node, &node)
            pos = top.pos
            if pos == n and node.is_word and not _has(found_prefix, top.prefix):
                found_prefix.push_back(top.prefix)
                found_cost.push_back(top.cost)
                if not have_best:
                    have_best = True
                    best = top.cost
                if <int>found_prefix.size() >= max_results:
                    break
            if pos < n:
                after = pos + 1
                e = top
                e.pos = after
                letter = exact_at[pos]
                if letter >= 0 and node.child_of[letter] >= 0 and not settled.contains(_key(top.prefix, letter, after)):
                    e.order = counter
                    e.node = node.child_of[letter]
                    e.prefix = _intern(interned[0], parent, last_letter, top.prefix, letter)
                    _push(heap, e)
                    counter += 1
                for i in range(<int>sub_letters[pos].size()):
                    letter = sub_letters[pos][i]
                    c = sub_costs[pos][i]
                    if node.child_of[letter] >= 0 and top.cost + c <= budget \
                            and not settled.contains(_key(top.prefix, letter, after)):
                        e.cost = top.cost + c
                        e.order = counter
                        e.node = node.child_of[letter]
                        e.prefix = _intern(interned[0], parent, last_letter, top.prefix, letter)
                        _push(heap, e)
                        counter += 1
                for i in range(<int>multi_costs[pos].size()):
                    c = multi_costs[pos][i]
                    if top.cost + c > budget:
                        continue
                    target = top.node
                    pid = top.prefix
                    for t in range(<int>multi_letters[pos][i].size()):
                        letter = multi_letters[pos][i][t]
                        self._read(target, &other)
                        target = other.child_of[letter]
                        if target < 0:
                            break
                        pid = _intern(interned[0], parent, last_letter, pid, letter)
                    if target >= 0 and not settled.contains(_key(parent[pid], last_letter[pid], pos + 2)):
                        e.cost = top.cost + c
                        e.order = counter
                        e.pos = pos + 2
                        e.node = target
                        e.prefix = pid
                        _push(heap, e)
                        counter += 1
                e = top
                e.pos = after
                c = noise_at[pos]
                if top.cost + c <= budget and not settled.contains(_key(parent[top.prefix], last_letter[top.prefix], after)):
                    e.cost = top.cost + c
                    e.order = counter
                    _push(heap, e)
                    counter += 1
                if top.generic_left and top.cost + generic_cost <= budget and node.count:
                    e.cost = top.cost + generic_cost
                    e.order = counter
                    e.node = -1
                    e.generic_left = top.generic_left - 1
                    e.bundle = ANY_LETTER
                    e.bundle_node = top.node
                    e.bundle_skip = pos
                    _push(heap, e)
                    counter += node.count + 1
            if top.inserts_left and top.prefix != 0:
                # the letters that may be restored, grouped by cost in the order each cost first appears
                groups = 0
                for i in range(node.count):
                    c = self.restore_cost[node.letters[i]]
                    for g in range(groups):
                        if group_cost[g] == c:
                            group_size[g] += 1
                            break
                    else:
                        group_cost[groups] = c
                        group_size[groups] = 1
                        groups += 1
                for g in range(groups):
                    if top.cost + group_cost[g] <= budget:
                        e = top
                        e.cost = top.cost + group_cost[g]
                        e.order = counter
                        e.node = -1
                        e.inserts_left = top.inserts_left - 1
                        e.bundle = RESTORED
                        e.bundle_node = top.node
                        e.bundle_cost = group_cost[g]
                        _push(heap, e)
                        counter += group_size[g] + 1
        out = {}
        for i in range(<int>found_prefix.size()):
            out[_spell(parent, last_letter, found_prefix[i], alphabet)] = found_cost[i]
        return out


cdef inline uint64_t _key(int parent, int letter, int pos) noexcept nogil:
    """A prefix (as its parent and last letter: one string, one key) at a position of the printed string."""
    return (<uint64_t>(parent + 1) << 24) | (<uint64_t>letter << 16) | <uint64_t>pos


cdef inline int _intern(FlatTable& interned, vector[int]& parent, vector[int]& last_letter, int prefix,
                        int letter) noexcept nogil:
    cdef uint64_t key = (<uint64_t>prefix << 6) | <uint64_t>letter
    cdef int pid = interned.find(key)
    if pid >= 0:
        return pid
    pid = <int>parent.size()
    parent.push_back(prefix)
    last_letter.push_back(letter)
    interned.insert(key, pid)
    return pid


cdef inline bint _has(vector[int]& values, int value) noexcept nogil:
    for v in values:
        if v == value:
            return True
    return False


cdef str _spell(vector[int]& parent, vector[int]& last_letter, int pid, str alphabet):
    chars = []
    while pid > 0:
        chars.append(alphabet[last_letter[pid]])
        pid = parent[pid]
    return "".join(reversed(chars))


cdef inline void _push(vector[Entry]& heap, Entry e) noexcept:
    heap.push_back(e)
    cdef size_t i = heap.size() - 1
    cdef size_t up
    while i > 0:
        up = (i - 1) >> 1
        if _before(&e, &heap[up]):
            heap[i] = heap[up]
            i = up
        else:
            break
    heap[i] = e


cdef inline void _pop(vector[Entry]& heap) noexcept:
    cdef Entry last = heap.back()
    heap.pop_back()
    cdef size_t n = heap.size()
    if n == 0:
        return
    cdef size_t i = 0
    cdef size_t child
    while True:
        child = 2 * i + 1
        if child >= n:
            break
        if child + 1 < n and _before(&heap[child + 1], &heap[child]):
            child += 1
        if _before(&heap[child], &last):
            heap[i] = heap[child]
            i = child
        else:
            break
    heap[i] = last
