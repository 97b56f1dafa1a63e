// The demo class's learners and what each of them did over two weeks on exercises/basics: real code, written the
// way beginners write it (right answers, and the usual mistakes: print instead of return, a discarded .upper(),
// an off-by-one range, a missing dictionary key, forgetting the minus sign...). Every submission is graded for
// real by `tutor seed demo`; only the times are chosen here.

/** Code by exercise slug, then by a short name for the attempt. */
export const DEMO_CODE = {
  shout: {
    correct: `def shout(text):
    if text == "":
        return ""
    loud = text.upper()
    if not loud.endswith("!"):
        loud = loud + "!"
    return loud
`,
    print: `def shout(text):
    print(text.upper() + "!")
`,
    discardedUpper: `def shout(text):
    text.upper()
    if text.endswith("!"):
        return text
    return text + "!"
`,
    alwaysBang: `def shout(text):
    return text.upper() + "!"
`,
    lastCharacter: `def shout(text):
    loud = text.upper()
    if loud[-1] == "!":
        return loud
    return loud + "!"
`,
  },
  sum_digits: {
    correct: `def sum_digits(n):
    n = abs(n)
    total = 0
    while n > 0:
        total = total + n % 10
        n = n // 10
    return total
`,
    viaString: `def sum_digits(n):
    total = 0
    for digit in str(abs(n)):
        total += int(digit)
    return total
`,
    minusSign: `def sum_digits(n):
    total = 0
    for digit in str(n):
        total += int(digit)
    return total
`,
    negativeSkipsLoop: `def sum_digits(n):
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total
`,
    trueDivision: `def sum_digits(n):
    n = abs(n)
    total = 0
    while n > 0:
        total += n % 10
        n = n / 10
    return total
`,
  },
  running_total: {
    correct: `def running_total(numbers):
    result = []
    total = 0
    for number in numbers:
        total += number
        result.append(total)
    return result
`,
    resetInLoop: `def running_total(numbers):
    result = []
    for number in numbers:
        total = 0
        total += number
        result.append(total)
    return result
`,
    skipsFirst: `def running_total(numbers):
    result = []
    total = 0
    for i in range(1, len(numbers)):
        total += numbers[i]
        result.append(total)
    return result
`,
    changesInput: `def running_total(numbers):
    for i in range(1, len(numbers)):
        numbers[i] = numbers[i] + numbers[i - 1]
    return numbers
`,
    firstItem: `def running_total(numbers):
    result = [numbers[0]]
    for i in range(1, len(numbers)):
        result.append(result[i - 1] + numbers[i])
    return result
`,
  },
  count_words: {
    correct: `def count_words(text):
    counts = {}
    for word in text.lower().split():
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
    return counts
`,
    missingKey: `def count_words(text):
    counts = {}
    for word in text.lower().split():
        counts[word] += 1
    return counts
`,
    keepsCase: `def count_words(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts
`,
    splitOnSpace: `def count_words(text):
    counts = {}
    for word in text.lower().split(" "):
        counts[word] = counts.get(word, 0) + 1
    return counts
`,
  },
  apply_discount: {
    correct: `def apply_discount(price, percent=10):
    if percent < 0 or percent > 100:
        raise ValueError("the discount must be between 0 and 100 percent")
    return round(price - price * percent / 100, 2)
`,
    notRounded: `def apply_discount(price, percent=10):
    if percent < 0 or percent > 100:
        raise ValueError("bad percent")
    return price * (100 - percent) / 100
`,
    noDefault: `def apply_discount(price, percent):
    if percent < 0 or percent > 100:
        raise ValueError("bad percent")
    return round(price * (100 - percent) / 100, 2)
`,
    noCheck: `def apply_discount(price, percent=10):
    return round(price * (100 - percent) / 100, 2)
`,
    floorDivision: `def apply_discount(price, percent=10):
    if percent < 0 or percent > 100:
        raise ValueError("bad percent")
    return round(price * (100 - percent) // 100, 2)
`,
  },
} as const;

export type DemoSlug = keyof typeof DEMO_CODE;

export interface DemoStep {
  slug: DemoSlug;
  code: string;
  /** Days before today (UTC) and the time of day, "HH:MM" UTC. */
  daysAgo: number;
  time: string;
  /** The learner asked the tutor to explain the result. */
  feedback?: boolean;
  /** Hints taken, levels 1 up to this. */
  hints?: 1 | 2 | 3;
  /** Minutes spent on the exercise before this submission. */
  minutes: number;
}

export interface DemoLearner {
  name: string;
  email: string;
  steps: DemoStep[];
}

/** The demo set; `tutor seed demo` checks that these exercises are there. */
export const DEMO_SET = "basics";

function step<S extends DemoSlug>(slug: S, variant: keyof (typeof DEMO_CODE)[S], daysAgo: number, time: string, minutes: number, tutor: { feedback?: boolean; hints?: 1 | 2 | 3 } = {}): DemoStep {
  return { slug, code: DEMO_CODE[slug][variant] as string, daysAgo, time, minutes, ...tutor };
}

const explained = { feedback: true } as const;

export const DEMO_LEARNERS: DemoLearner[] = [
  {
    // Strong and regular: everything solved, a five-day streak up to today.
    name: "Amara Okafor",
    email: "amara.okafor@demo.example",
    steps: [
      step("shout", "alwaysBang", 13, "18:10", 6, explained),
      step("shout", "correct", 13, "18:16", 4),
      step("sum_digits", "correct", 11, "19:00", 9),
      step("running_total", "skipsFirst", 4, "17:30", 8, explained),
      step("running_total", "correct", 4, "17:41", 5),
      step("count_words", "correct", 3, "18:05", 11),
      step("apply_discount", "notRounded", 2, "20:10", 9, { feedback: true, hints: 1 }),
      step("apply_discount", "correct", 2, "20:25", 6),
      step("count_words", "correct", 1, "19:00", 2),
      step("sum_digits", "viaString", 0, "10:15", 3),
    ],
  },
  {
    // Prints instead of returning, then stalls on running_total.
    name: "Ben Carter",
    email: "ben.carter@demo.example",
    steps: [
      step("shout", "print", 12, "16:00", 7, { feedback: true, hints: 2 }),
      step("shout", "discardedUpper", 12, "16:12", 6, explained),
      step("shout", "correct", 12, "16:20", 4),
      step("sum_digits", "negativeSkipsLoop", 9, "16:30", 10, explained),
      step("sum_digits", "correct", 9, "16:45", 5),
      step("running_total", "resetInLoop", 5, "17:00", 12, { feedback: true, hints: 1 }),
      step("running_total", "changesInput", 5, "17:20", 9, { feedback: true, hints: 2 }),
    ],
  },
  {
    // Fights with dictionaries before getting count_words right; apply_discount still open.
    name: "Chloé Martin",
    email: "chloe.martin@demo.example",
    steps: [
      step("shout", "correct", 10, "09:20", 5),
      step("sum_digits", "minusSign", 10, "09:40", 8, explained),
      step("sum_digits", "correct", 10, "09:52", 6),
      step("running_total", "correct", 6, "14:00", 10),
      step("count_words", "missingKey", 3, "15:10", 9, { feedback: true, hints: 1 }),
      step("count_words", "keepsCase", 3, "15:25", 7, { feedback: true, hints: 2 }),
      step("count_words", "splitOnSpace", 2, "16:00", 12, { feedback: true, hints: 3 }),
      step("count_words", "correct", 1, "16:40", 8),
      step("apply_discount", "noDefault", 1, "17:05", 6, explained),
    ],
  },
  {
    // Steady, a little every day.
    name: "Dev Patel",
    email: "dev.patel@demo.example",
    steps: [
      step("shout", "lastCharacter", 7, "12:30", 6, { feedback: true, hints: 1 }),
      step("shout", "correct", 7, "12:41", 4),
      step("sum_digits", "trueDivision", 6, "12:15", 8, explained),
      step("sum_digits", "correct", 6, "12:27", 5),
      step("running_total", "firstItem", 5, "12:05", 7, explained),
      step("running_total", "correct", 5, "12:20", 6),
      step("count_words", "correct", 1, "12:10", 9),
      step("apply_discount", "floorDivision", 0, "09:30", 8, { feedback: true, hints: 1 }),
    ],
  },
  {
    // A beginner who leans on the hints.
    name: "Elif Yılmaz",
    email: "elif.yilmaz@demo.example",
    steps: [
      step("shout", "print", 8, "19:30", 10, { feedback: true, hints: 3 }),
      step("shout", "print", 8, "19:48", 5),
      step("shout", "alwaysBang", 7, "20:05", 9, { feedback: true, hints: 1 }),
      step("shout", "correct", 7, "20:20", 6),
      step("sum_digits", "negativeSkipsLoop", 2, "18:00", 14, { feedback: true, hints: 2 }),
    ],
  },
  {
    // Joined late and is catching up.
    name: "Finn O'Brien",
    email: "finn.obrien@demo.example",
    steps: [
      step("shout", "discardedUpper", 1, "21:00", 8, { feedback: true, hints: 1 }),
      step("shout", "correct", 1, "21:09", 3),
      step("sum_digits", "correct", 0, "08:45", 7),
    ],
  },
  {
    // Raced through the set in the first week, then stopped.
    name: "Grace Liu",
    email: "grace.liu@demo.example",
    steps: [
      step("shout", "correct", 13, "10:00", 4),
      step("sum_digits", "correct", 13, "10:12", 6),
      step("running_total", "correct", 12, "11:00", 7),
      step("count_words", "keepsCase", 12, "11:20", 8, explained),
      step("count_words", "correct", 12, "11:27", 3),
      step("apply_discount", "noCheck", 11, "09:10", 6, { feedback: true, hints: 1 }),
      step("apply_discount", "notRounded", 11, "09:22", 5, explained),
      step("apply_discount", "correct", 11, "09:30", 4),
    ],
  },
  {
    // Joined the class and has not started.
    name: "Hugo Silva",
    email: "hugo.silva@demo.example",
    steps: [],
  },
];
