-- The public board's counts and the honor roll's totals, kept by the database
-- in the writing transaction (issue 12: cost per page, not per row). Backfilled
-- from the rows already there.

INSERT INTO request_counts (community_id, status, n)
SELECT community_id, status, count(*) FROM requests GROUP BY community_id, status;
--> statement-breakpoint
CREATE TRIGGER request_counts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO request_counts (community_id, status, n) VALUES (new.community_id, new.status, 1)
  ON CONFLICT (community_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER request_counts_update AFTER UPDATE OF status, community_id ON requests
WHEN old.status IS NOT new.status OR old.community_id IS NOT new.community_id BEGIN
  UPDATE request_counts SET n = n - 1 WHERE community_id = old.community_id AND status = old.status;
  INSERT INTO request_counts (community_id, status, n) VALUES (new.community_id, new.status, 1)
  ON CONFLICT (community_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER request_counts_delete AFTER DELETE ON requests BEGIN
  UPDATE request_counts SET n = n - 1 WHERE community_id = old.community_id AND status = old.status;
END;
--> statement-breakpoint
INSERT INTO hour_totals (user_id, community_id, minutes)
SELECT h.user_id, u.community_id, sum(h.minutes) FROM service_hours h JOIN users u ON u.id = h.user_id
WHERE h.voided_at IS NULL GROUP BY h.user_id;
--> statement-breakpoint
CREATE TRIGGER hour_totals_insert AFTER INSERT ON service_hours WHEN new.voided_at IS NULL BEGIN
  INSERT INTO hour_totals (user_id, community_id, minutes)
  SELECT new.user_id, community_id, new.minutes FROM users WHERE id = new.user_id
  ON CONFLICT (user_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
--> statement-breakpoint
CREATE TRIGGER hour_totals_update AFTER UPDATE OF minutes, voided_at, user_id ON service_hours BEGIN
  UPDATE hour_totals SET minutes = minutes - old.minutes WHERE user_id = old.user_id AND old.voided_at IS NULL;
  INSERT INTO hour_totals (user_id, community_id, minutes)
  SELECT new.user_id, community_id, new.minutes FROM users WHERE id = new.user_id AND new.voided_at IS NULL
  ON CONFLICT (user_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
--> statement-breakpoint
CREATE TRIGGER hour_totals_delete AFTER DELETE ON service_hours WHEN old.voided_at IS NULL BEGIN
  UPDATE hour_totals SET minutes = minutes - old.minutes WHERE user_id = old.user_id;
END;
--> statement-breakpoint
-- A person who moves community takes their hours to the new community's roll.
CREATE TRIGGER hour_totals_community AFTER UPDATE OF community_id ON users WHEN old.community_id IS NOT new.community_id BEGIN
  UPDATE hour_totals SET community_id = new.community_id WHERE user_id = new.id;
END;
