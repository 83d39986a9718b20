// The small printers the exporters share: intervals, durations, Java literals and identifiers.
import { describe, expect, it } from 'vitest';
import { parseExpr } from '../model/index.ts';
import { sqlInterval } from './flinkSqlDdl.ts';
import { javaDouble, javaString, toJava } from './javaExpr.ts';
import { camel, className, durationWords, Namer, snake } from './shared.ts';

describe('Flink SQL intervals', () => {
  it('uses one unit when the amount has at most two digits, else DAY TO SECOND', () => {
    expect(sqlInterval(10_000)).toBe("INTERVAL '10' SECOND");
    expect(sqlInterval(1500)).toBe("INTERVAL '1.5' SECOND");
    expect(sqlInterval(2001)).toBe("INTERVAL '2.001' SECOND");
    expect(sqlInterval(1)).toBe("INTERVAL '0.001' SECOND");
    expect(sqlInterval(90_000)).toBe("INTERVAL '90' SECOND");
    expect(sqlInterval(120_000)).toBe("INTERVAL '2' MINUTE");
    expect(sqlInterval(7_200_000)).toBe("INTERVAL '2' HOUR");
    expect(sqlInterval(86_400_000)).toBe("INTERVAL '1' DAY");
    expect(sqlInterval(100_000)).toBe("INTERVAL '0 00:01:40' DAY TO SECOND");
    expect(sqlInterval(100_500)).toBe("INTERVAL '0 00:01:40.5' DAY TO SECOND");
    expect(sqlInterval(90_061_001)).toBe("INTERVAL '1 01:01:01.001' DAY TO SECOND");
  });

  it('has no form for 100 days or more (Flink would need a precision clause)', () => {
    expect(sqlInterval(99 * 86_400_000)).toBe("INTERVAL '99' DAY");
    expect(sqlInterval(100 * 86_400_000)).toBeNull();
    expect(sqlInterval(1e12)).toBeNull();
  });
});

describe('durations for Spark', () => {
  it('uses the largest whole unit', () => {
    expect(durationWords(1000)).toBe('1 second');
    expect(durationWords(10_000)).toBe('10 seconds');
    expect(durationWords(1500)).toBe('1500 milliseconds');
    expect(durationWords(60_000)).toBe('1 minute');
    expect(durationWords(0)).toBe('0 milliseconds');
    expect(durationWords(86_400_000 * 2)).toBe('2 days');
  });
});

describe('Java literals', () => {
  it('escapes strings so the source stays ASCII', () => {
    expect(javaString('it\'s "x"\\')).toBe('"it\'s \\"x\\"\\\\"');
    expect(javaString('a\nb\t')).toBe('"a\\nb\\t"');
    expect(javaString('é😀')).toBe('"\\u00e9\\ud83d\\ude00"');
    expect(javaString('*/')).toBe('"*/"');
  });

  it('writes numbers as double literals', () => {
    expect(javaDouble(1)).toBe('1.0');
    expect(javaDouble(-2.5)).toBe('-2.5');
    expect(javaDouble(1e21)).toBe('1E21');
    expect(javaDouble(1.5e-7)).toBe('1.5E-7');
    expect(javaDouble(-0)).toBe('-0.0');
  });

  it('prints expressions as calls to the Sql helper', () => {
    const java = (src: string) => {
      const p = parseExpr(src);
      if (!p.ok) throw new Error(p.error.message);
      return toJava(p.expr);
    };
    expect(java("value > 10 AND key <> 'x'")).toBe('Sql.and(Sql.gt(Sql.get(r, "value"), (Object) 10.0), Sql.ne(Sql.get(r, "key"), "x"))');
    expect(java('CASE WHEN a > 1 THEN 1 ELSE NULL END')).toBe('(Sql.isTrue(Sql.gt(Sql.get(r, "a"), (Object) 1.0)) ? (Object) 1.0 : null)');
    expect(java('x NOT IN (1, 2)')).toBe('Sql.in(Sql.get(r, "x"), true, (Object) 1.0, (Object) 2.0)');
    expect(java('COALESCE(a, -1.5)')).toBe('Sql.coalesce(Sql.get(r, "a"), Sql.neg((Object) 1.5))');
  });
});

describe('identifiers', () => {
  it('derives variable and class names from ids and job names', () => {
    expect(camel('late-sink')).toBe('lateSink');
    expect(camel('by_key')).toBe('byKey');
    expect(camel('9lives')).toBe('n9lives');
    expect(snake('lateSink')).toBe('late_sink');
    expect(snake('by-key')).toBe('by_key');
    expect(className('Late data: side output or silent drop')).toBe('LateDataSideOutputOrSilentDrop');
    expect(className(undefined)).toBe('StreamlabJob');
    expect(className('Ünïcode only ☃')).toBe('UnicodeOnly');
  });

  it('never hands out a reserved or used name twice', () => {
    const names = new Namer(['class', 'env'], camel);
    expect(names.name('class')).toBe('class2');
    expect(names.name('env')).toBe('env2');
    expect(names.name('a-b')).toBe('aB');
    expect(names.name('a_b')).toBe('aB2');
    expect(names.name('a-b')).toBe('aB');
  });
});
