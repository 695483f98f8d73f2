import { describe, expect, it } from 'vitest';
import { belgianHolidays, dayClass, easterSunday, holidayCalendar } from '../../../src/lib/health/holidays';

describe('Belgian public holidays', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
  });

  it('lists the ten holidays of 2025, moving feasts included', () => {
    expect(belgianHolidays(2025)).toEqual(['2025-01-01', '2025-04-21', '2025-05-01', '2025-05-29', '2025-06-09', '2025-07-21', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25']);
  });

  it('treats a holiday like a Sunday, and an extra configured date too', () => {
    const cal = holidayCalendar('BE', ['2025-12-26']);
    expect(dayClass('2025-11-11', 2, cal)).toBe(0);
    expect(dayClass('2025-12-26', 5, cal)).toBe(0);
    expect(dayClass('2025-11-12', 3, cal)).toBe(3);
  });

  it('knows no built-in holidays with "none"', () => {
    expect(holidayCalendar('none', [])('2025-12-25')).toBe(false);
  });
});
