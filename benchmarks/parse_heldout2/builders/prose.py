"""English analysis prose: sentence templates filled from a topic bank.

Slots: {A} {A2} actor, {P} place, {T} {T2} issue, {I} instrument, {R} role,
{Q} quote, {Y} {Y2} years, {N} number, {M} month.  A '|' marks a clause end
where a note marker may sit; otherwise markers go at the end of the sentence.
"""
from .util import cap, MONTHS

TEMPLATES = [
    "{A} has repeatedly argued that {T} cannot be separated from {T2}.",
    "Since {Y}, the question of {T} has become a central point of friction between {A} and {A2}.",
    "The figures are striking: spending linked to {T} grew by roughly {N} per cent between {Y} and {Y2}.",
    "{R} described the arrangement as “{Q}”.",
    "This matters because decisions on {T} shape how {A} approaches {T2} in {P}.",
    "Critics, including several advisers to {A}, contend that {I} was never designed to handle {T}.",
    "What is less often noted is that {A} quietly revised its position on {T} in {M} {Y}.",
    "The official line from {A} is that the question of {T} remains a technical matter,| yet its own documents treat it as a question of security.",
    "In {P}, the debate over {T} has moved from specialist circles into national politics.",
    "None of this was inevitable, and {A} had several chances to change course on {T}.",
    "Observers in {P} have long warned that {T} would eventually collide with {T2}.",
    "According to {R}, the real obstacle is not {T} but the lack of trust between {A} and {A2}.",
    "The precedent set by {I} looms large over every discussion of {T}.",
    "{A} responded by commissioning a review of {T}, which reported in {M} {Y2}.",
    "Even sympathetic observers concede that {I} has delivered less than promised on {T}.",
    "A closer look at {T} in {P} shows how uneven the picture really is.",
    "For {A}, the episode confirmed that {T} could be used as leverage,| a lesson it has applied ever since.",
    "The numbers alone understate the political weight of {T} in {P}.",
    "{R} told the author that “{Q}”, a view echoed by others in {P}.",
    "Attempts to link {T} with {T2} have repeatedly stalled in negotiations led by {A}.",
    "Both {A} and {A2} now describe {T} as a strategic priority,| although they mean quite different things by it.",
    "Public statements from {A} tend to play down {T}, but procurement data tell another story.",
    "By {Y2}, roughly {N} per cent of the relevant activity in {P} was affected by {T}.",
    "The legal basis for {I} is narrower than its defenders usually admit.",
    "There is a risk that {A} draws the wrong lesson from the experience of {P}.",
    "In practice, the rules on {T} owe less to {I} than to informal understandings among a handful of actors.",
    "Industry groups in {P} lobbied hard against any change to {T} throughout {Y}.",
    "It is tempting to treat {T} as a purely regional question, but that would be a mistake.",
    "The decision by {A} to prioritise {T} surprised even its closest partners.",
    "A draft circulated in {M} {Y} went further,| proposing binding targets for {T}.",
    "Much of the commentary on {T} overlooks how small the sums involved actually are.",
    "{A} has so far resisted calls to publish its assessment of {T}.",
    "Several recent studies suggest that outcomes on {T} depend more on prices than on regulation.",
    "Seen from {P}, the debate about {T} looks very different from the way it is framed by {A}.",
    "The gap between the rhetoric of {A} and its record on {T} has widened since {Y}.",
    "One consequence has been a slow erosion of confidence in {I} across {P}.",
    "Parliamentary scrutiny of {T} in {P} has been limited, partly because the relevant data are classified.",
    "{A} and {A2} signed a memorandum on {T} in {M} {Y},| though little of it has been implemented.",
    "Early evidence from {P} suggests that pressure over {T} is rising faster than official forecasts assumed.",
    "Few doubt that {T} will remain on the agenda of {A} for years to come.",
    "The most persuasive explanation is that {A} underestimated how quickly {T} would change.",
    "That reading is contested by {R}, who sees {T} as a symptom rather than a cause.",
    "Independent estimates put the cost of {T} at about {N} billion dollars a year.",
    "Whatever its merits, {I} has become a lightning rod for criticism of {A}.",
    "{A} also faces pressure from within, where opinion on {T} is sharply divided.",
    "The last serious attempt to reform {T} collapsed in {Y} amid a dispute over {T2}.",
    "In interviews, officials in {P} stressed that {T} came up only informally.",
    "Unlike {A2}, {A} has tied its support for {I} to progress on {T}.",
    "The story of {T} in {P} is therefore also a story about {T2}.",
    "Those who expected {I} to settle the question of {T} have been disappointed.",
]

PARA_OPENERS = [
    "More broadly, ", "At the same time, ", "Against this background, ", "In short, ",
    "Yet ", "Moreover, ", "Still, ", "By contrast, ", "Put differently, ", "Meanwhile, ",
]


class Prose:
    def __init__(self, rng, topic, years=(2014, 2023)):
        self.rng, self.t, self.years = rng, topic, years
        self.used = set()
        self.contexts = set()
        self.recent = []

    def _fill(self, tpl):
        r, t = self.rng, self.t
        a, a2 = r.sample(t["actors"], 2)
        x, x2 = r.sample(t["things"], 2)
        y = r.randint(*self.years)
        y2 = min(y + r.randint(1, 5), self.years[1])
        if y2 == y:
            y = y2 - 1
        vals = dict(A=a, A2=a2, P=r.choice(t["places"]), T=x, T2=x2,
                    I=r.choice(t["instruments"]), R=r.choice(t["roles"]),
                    Q=r.choice(t["quotes"]), Y=y, Y2=y2, N=r.choice([3, 4, 6, 7, 9, 12, 15, 18, 22, 27, 31, 40]),
                    M=r.choice(MONTHS))
        s = tpl.format(**vals)
        self.last_literal_start = not tpl.startswith("{")
        return cap(s)

    def sentence(self):
        for _ in range(400):
            tpl = self.rng.choice(TEMPLATES + self.t.get("templates", []))
            if tpl in self.recent:
                continue
            s = self._fill(tpl)
            if s.replace("|", "") not in self.used:
                self.used.add(s.replace("|", ""))
                self.recent = (self.recent + [tpl])[-6:]
                return s
        raise RuntimeError("sentence bank exhausted")

    def _ctx_ok(self, text):
        key = " ".join(text.split()[-10:])
        if key in self.contexts or len(text.split()) < 7:
            return False
        self.contexts.add(key)
        return True

    def paragraph(self, notes, style="after", opener=True, extra=(0, 2)):
        """Runs for one paragraph carrying the given note indices in order.

        style: 'after'  marker after the sentence's final punctuation (Chicago);
               'before' marker before the final period, after a space ([12] style);
               'paren'  marker as a separate '(n)' after the sentence (handled by
                        the renderer; runs are the same as 'after').
        """
        r = self.rng
        slots = ["m"] * len(notes) + ["s"] * r.randint(*extra)
        r.shuffle(slots)
        if not slots:
            slots = ["s"]
        runs, it = [], iter(notes)
        for j, kind in enumerate(slots):
            s = self.sentence()
            if j == 0 and opener and self.last_literal_start and "," not in " ".join(s.split()[:3]) and r.random() < 0.25:
                s = r.choice(PARA_OPENERS) + s[0].lower() + s[1:]
            sep = "" if not runs else " "
            if kind == "s":
                runs.append(sep + s.replace("|", ""))
                continue
            ni = next(it)
            if "|" in s and style == "after" and r.random() < 0.6:
                head, tail = s.split("|", 1)
                if self._ctx_ok(head):
                    runs += [sep + head, ("m", ni), tail]
                    continue
            s = s.replace("|", "")
            if style == "before":
                body, end = s[:-1], s[-1]
                if self._ctx_ok(body):
                    runs += [sep + body + " ", ("m", ni), end]
                    continue
            elif self._ctx_ok(s):
                runs += [sep + s, ("m", ni)]
                continue
            # context collision: prepend a fresh sentence and retry once
            while True:
                s2 = self.sentence().replace("|", "")
                if self._ctx_ok(s2[:-1] if style == "before" else s2):
                    break
            if style == "before":
                runs += [sep + s2[:-1] + " ", ("m", ni), s2[-1]]
            else:
                runs += [sep + s2, ("m", ni)]
        # merge adjacent strings
        out = []
        for x in runs:
            if isinstance(x, str) and out and isinstance(out[-1], str):
                out[-1] += x
            else:
                out.append(x)
        return out

    def plain_paragraph(self, n=4):
        return [" ".join(self.sentence().replace("|", "") for _ in range(n))]


def spread(rng, note_ids, per_para=(1, 3)):
    """Split a list of note indices into paragraph-sized groups."""
    groups, i = [], 0
    while i < len(note_ids):
        k = rng.randint(*per_para)
        groups.append(note_ids[i:i + k])
        i += k
    return groups
