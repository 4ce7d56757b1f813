"""Where each tag of a parsed page sits, found in one pass, so that parsing stays linear in the
page however deeply its elements nest.

bs4's own answers walk the tree each time they are asked: `tag in other.parents` climbs to the
root, `tag.get_text()` reads the whole subtree, and even `tag.decomposed` searches the subtree
for a child of that name. Asked once per tag of a page with 20,000 nested `<div>`s, each is
quadratic (a 550 KB page took nine minutes). Here every tag gets its span in document order
(first and last descendant) and its text length once; "is A inside B" is then two comparisons.
Spans stay valid when tags are removed later: removal never reorders what remains.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import chain

from bs4 import NavigableString, Tag


class Dom:
    def __init__(self, root: Tag) -> None:
        self._start: dict[int, int] = {}
        self._end: dict[int, int] = {}
        self._text: dict[int, int] = {}
        stack: list[Tag] = []
        i = 0
        for i, node in enumerate(chain([root], root.descendants)):
            parent = node.parent
            while stack and stack[-1] is not parent:
                self._close(stack, i - 1)
            if isinstance(node, Tag):
                self._start[id(node)] = i
                self._text[id(node)] = 0
                stack.append(node)
            elif isinstance(node, NavigableString) and stack and type(node) is NavigableString:
                self._text[id(stack[-1])] += len(node)
        while stack:
            self._close(stack, i)

    def _close(self, stack: list[Tag], last: int) -> None:
        tag = stack.pop()
        self._end[id(tag)] = last
        if stack:
            self._text[id(stack[-1])] += self._text[id(tag)]

    def known(self, tag: Tag) -> bool:
        return id(tag) in self._start

    def text_len(self, tag: Tag) -> int:
        """Characters of text under `tag` when the page was read."""
        return self._text.get(id(tag), 0)

    def inside(self, tag: Tag, ancestor: Tag) -> bool:
        """Whether `tag` is a descendant of `ancestor` (not the same tag)."""
        a, t = self._start.get(id(ancestor)), self._start.get(id(tag))
        if a is None or t is None:
            return False
        return a < t <= self._end[id(ancestor)]

    def outermost(self, tags: Iterable[Tag]) -> list[Tag]:
        """`tags` that no other of them contains, in document order."""
        out: list[Tag] = []
        end = -1
        for tag in sorted((t for t in tags if self.known(t)), key=lambda t: self._start[id(t)]):
            if self._start[id(tag)] > end:
                out.append(tag)
                end = self._end[id(tag)]
        return out

    def innermost(self, tags: Iterable[Tag]) -> list[Tag]:
        """`tags` that contain none of the others, in document order."""
        ordered = sorted((t for t in tags if self.known(t)), key=lambda t: self._start[id(t)])
        out: list[Tag] = []
        for k, tag in enumerate(ordered):
            nxt = ordered[k + 1] if k + 1 < len(ordered) else None
            # In document order, a tag holding others is followed at once by one of them.
            if nxt is None or self._start[id(nxt)] > self._end[id(tag)]:
                out.append(tag)
        return out

    def spans(self, tags: Iterable[Tag]) -> Spans:
        return Spans(self, tags)


class Spans:
    """Is a tag inside any of a set of tags that do not nest in one another?"""

    def __init__(self, dom: Dom, tags: Iterable[Tag]) -> None:
        self._dom = dom
        pairs = sorted((dom._start[id(t)], dom._end[id(t)]) for t in tags if dom.known(t))
        self._starts = [a for a, _ in pairs]
        self._ends = [b for _, b in pairs]

    def add(self, tag: Tag) -> None:
        if self._dom.known(tag):
            a = self._dom._start[id(tag)]
            k = bisect.bisect(self._starts, a)
            self._starts.insert(k, a)
            self._ends.insert(k, self._dom._end[id(tag)])

    def covers(self, tag: Tag) -> bool:
        """Whether `tag` is one of them or inside one."""
        t = self._dom._start.get(id(tag))
        if t is None:
            return False
        k = bisect.bisect_right(self._starts, t) - 1
        return k >= 0 and t <= self._ends[k]
