-- Speculative decoding with a catalog draft model: the draft model's catalog entry at its pinned revision is stored
-- with the job (and the sweep whose points share it), like the target model, so a result can be explained and re-run
-- after the catalog changes. Null when the scenario drafts without a catalog model (mtp, ngram) or does not speculate.
alter table simulation add column draft_model text;
alter table sweep add column draft_model text;
