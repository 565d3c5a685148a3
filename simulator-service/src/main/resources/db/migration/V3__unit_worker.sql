-- Which simulator instance (simulator.instance-id) last claimed a job's work unit: shows how units spread over pods
-- and which instance took over a unit after a crash.
alter table simulation add column worker varchar(200);
