import { HOURS_PER_MONTH } from "../../types";

// How often an EventBridge Scheduler expression fires in a month of HOURS_PER_MONTH hours, for
// the invocations its schedule is billed for. `rate(n unit)` and six-field `cron(...)` are read;
// `at(...)` fires once. Anything else is `undefined`, and the pricer says so.

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
const WEEKS_PER_MONTH = DAYS_PER_MONTH / 7;
const MINUTES_PER: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

/** Values a cron field takes out of `size` (`*`, `?`, lists, ranges, `/` steps); `undefined` for `L`, `W`, `#`. */
function fieldCount(field: string, size: number): number | undefined {
  if (field === "*" || field === "?") return size;
  let count = 0;
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let span: number;
    if (range === "*") span = size;
    else if (/^\w+-\w+$/.test(range)) {
      const [a = "", b = ""] = range.split("-");
      const [from, to] = [Number(a), Number(b)];
      // Named days and months (MON-FRI, JAN-MAR) are counted by position in the week or year.
      span = Number.isInteger(from) && Number.isInteger(to) ? to - from + 1 : namedSpan(a, b);
    } else if (/^\d+$/.test(range) || NAMES.includes(range.toUpperCase())) span = stepText === undefined ? 1 : size;
    else return undefined;
    if (!(span > 0)) return undefined;
    count += Math.ceil(span / step);
  }
  return count;
}

const NAMES = [
  "SUN",
  "MON",
  "TUE",
  "WED",
  "THU",
  "FRI",
  "SAT",
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
];
function namedSpan(a: string, b: string): number {
  const [i, j] = [NAMES.indexOf(a.toUpperCase()), NAMES.indexOf(b.toUpperCase())];
  return i < 0 || j < 0 || i < 7 !== j < 7 ? Number.NaN : j - i + 1;
}

/** Invocations a month of a schedule expression, or `undefined` when it cannot be read. */
export function invocationsPerMonth(expression: string): number | undefined {
  const text = expression.trim();
  if (/^at\(.+\)$/.test(text)) return 1;
  const rate = /^rate\((\d+)\s+([a-z]+)\)$/.exec(text);
  if (rate) {
    const minutes = Number(rate[1]) * (MINUTES_PER[rate[2] ?? ""] ?? Number.NaN);
    return minutes > 0 ? (HOURS_PER_MONTH * 60) / minutes : undefined;
  }
  const cron = /^cron\((.+)\)$/.exec(text);
  const fields = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6) return undefined;
  const [minute = "", hour = "", dom = "", month = "", dow = ""] = fields;
  const perDay = [fieldCount(minute, 60), fieldCount(hour, 24)];
  const days =
    dow !== "?" && dow !== "*"
      ? mul(fieldCount(dow, 7), WEEKS_PER_MONTH)
      : dom !== "?" && dom !== "*"
        ? fieldCount(dom, 31)
        : DAYS_PER_MONTH;
  const months = fieldCount(month, 12);
  if (perDay.some((n) => n === undefined) || days === undefined || months === undefined) return undefined;
  return (perDay[0] as number) * (perDay[1] as number) * days * (months / 12);
}

function mul(n: number | undefined, by: number): number | undefined {
  return n === undefined ? undefined : n * by;
}
