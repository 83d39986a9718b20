-- Flink SQL for the Streamlab job "Team scores (Streaming Systems): perfect watermark", generated
-- by Streamlab.
-- Run it with the SQL client of Flink 1.19 or later (sql-client.sh -f FILE), with the Kafka SQL
-- connector and the JSON format on the class path. Kafka is assumed at localhost:9092: change
-- 'properties.bootstrap.servers'. Each source reads a topic named after its node; messages are
-- JSON objects holding the record's fields, with its event time in epoch milliseconds in `ts`.
-- Simulation-only, not exported: settings.seed, settings.untilMs, layout, scripted records and
-- generators (the code reads the topics).
-- 3 warnings, each marked WARNING below.

SET 'execution.runtime-mode' = 'streaming';
SET 'pipeline.auto-watermark-interval' = '200 ms';
-- Checkpointing is off (settings.dataflow.checkpointing is not set).
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '1000 ms';

-- source "scores" (Scores, perfect watermark)
-- Kafka topic "scores", 1 partition.
-- Its first scripted records, as messages:
--   {"ts":26000,"key":"TeamX","value":5,"name":"Julie"}
--   {"ts":144000,"key":"TeamX","value":7,"name":"Ed"}
--   {"ts":219000,"key":"TeamX","value":3,"name":"Amy"}
CREATE TABLE `scores` (
  ts BIGINT,
  key STRING,
  `value` DOUBLE,
  name STRING,
  event_time AS TO_TIMESTAMP_LTZ(ts, 3),
  -- WARNING: no watermark node is between source "scores" and window "total" (its punctuated
  -- watermarks are scripted input of the simulation, not exported); Flink SQL windows need a
  -- watermark, so source "scores" declares one with no delay
  WATERMARK FOR event_time AS event_time - INTERVAL '0.001' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'scores',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'team-scores-streaming-systems-perfect-watermark-scores',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

-- keyBy "byTeam" (Key by team)
-- Groups by `key` in the window, dedup or join that follows; no statement of its own.

-- window "total" (Sum per 2 min)
-- WARNING: late side output "late": Flink SQL has no side output for rows a window drops as late;
--   they are dropped, and what reads "late" gets nothing
CREATE TEMPORARY VIEW `total` AS
SELECT
  key,
  window_start AS windowStart,
  window_end AS windowEnd,
  SUM(`value`) AS score,
  window_time AS event_time
FROM TABLE(TUMBLE(TABLE `scores`, DESCRIPTOR(event_time), INTERVAL '2' MINUTE))
GROUP BY window_start, window_end, window_time, key;

-- sink "out" (Team totals)
CREATE TABLE `out` (
  key STRING,
  windowStart TIMESTAMP(3),
  windowEnd TIMESTAMP(3),
  score DOUBLE
) WITH (
  'connector' = 'print'
);

-- sink "lateOut" (Late scores)
-- WARNING: its input from the late output of "total" does not exist in Flink SQL (see the warning
--   there), so it receives nothing from it
-- Left out: nothing reaches it in Flink SQL.

INSERT INTO `out`
SELECT key, windowStart, windowEnd, score
FROM `total`;
