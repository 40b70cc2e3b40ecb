-- 0032 rebuilt service_hours (care visits' hours name a visit, not a shift); a rebuilt table loses its triggers, so
-- the honor roll's running totals (0021) are kept again by the same three.
CREATE TRIGGER IF NOT EXISTS hour_totals_insert AFTER INSERT ON service_hours WHEN new.voided_at IS NULL BEGIN
  INSERT INTO hour_totals (user_id, community_id, minutes)
  SELECT new.user_id, community_id, new.minutes FROM users WHERE id = new.user_id
  ON CONFLICT (user_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS hour_totals_update AFTER UPDATE OF minutes, voided_at, user_id ON service_hours BEGIN
  UPDATE hour_totals SET minutes = minutes - old.minutes WHERE user_id = old.user_id AND old.voided_at IS NULL;
  INSERT INTO hour_totals (user_id, community_id, minutes)
  SELECT new.user_id, community_id, new.minutes FROM users WHERE id = new.user_id AND new.voided_at IS NULL
  ON CONFLICT (user_id) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS hour_totals_delete AFTER DELETE ON service_hours WHEN old.voided_at IS NULL BEGIN
  UPDATE hour_totals SET minutes = minutes - old.minutes WHERE user_id = old.user_id;
END;
