// The statutory clock for rights requests and complaints: pure, dates in, dates out (no I/O, no Date.now()).
export { ClockError, InvalidDateError, ClockInputError, HolidayFileError } from './clock-errors.js';
export { parseIsoDate, checkIsoDate, addDays, addMonths, daysBetween, dayOfWeek, formatDate, type CalendarDate, type DateParts } from './date-math.js';
export { REGIONS, REGION_NAMES, isRegion, type Region } from './region.js';
export type { Holiday, HolidayCalendar } from './holiday-calendar.js';
export { BANK_HOLIDAYS, ENGLAND_AND_WALES_HOLIDAYS, SCOTLAND_HOLIDAYS, NORTHERN_IRELAND_HOLIDAYS } from './holidays/index.js';
export { withHolidays, type HolidayYears } from './with-holidays.js';
export { resolveCalendar, holidayOn, holidaysOfYear, isYearByRule, type RegionOrCalendar } from './resolve-calendar.js';
export { bankHolidaysByRule, easterSunday } from './holidays/by-rule.js';
export { parseGovUkHolidays, calendarsWithGovUkFile, unreadableFileWords } from './holidays/gov-uk-json.js';
export { holidaysByRuleNote, HOLIDAYS_SOURCE_URL } from './holidays-by-rule-note.js';
export { isWorkingDay } from './is-working-day.js';
export { nextWorkingDay } from './next-working-day.js';
export { workingDayOnOrAfter } from './working-day-on-or-after.js';
export { deadlineInstant, isBritishSummerTimeAtEndOf } from './deadline-instant.js';
export { computeDueDate } from './compute-due-date.js';
export { canExtend, type ExtendDecision } from './can-extend.js';
export { complaintAcknowledgementDue, COMPLAINTS_DUTY_FROM, type ComplaintAcknowledgement } from './complaint-acknowledgement-due.js';
export { CLOCK_CITATIONS } from './citations.js';
export type {
  DueDateInput,
  DueDateOutcome,
  DueDateResult,
  PausedResult,
  RelevantTimeEvent,
  ClockPause,
  PauseCounting,
  PeriodMethod,
} from './due-date-types.js';
