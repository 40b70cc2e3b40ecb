-- Custom migration: the shift counters follow the sign-up rows inside the database.
-- `taken` counts confirmed sign-ups, `waitlisted` the waiting ones. Every insert or
-- status change of a sign-up moves them in the same statement, so they can never
-- drift from the rows, and the CHECK on shifts (taken <= capacity) refuses any
-- write that would overbook, whatever the code above does.
CREATE TRIGGER `signups_count_insert` AFTER INSERT ON `signups`
BEGIN
  UPDATE `shifts` SET
    `taken` = `taken` + (NEW.`status` = 'confirmed'),
    `waitlisted` = `waitlisted` + (NEW.`status` = 'waitlisted')
  WHERE `id` = NEW.`shift_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `signups_count_update` AFTER UPDATE OF `status` ON `signups`
WHEN OLD.`status` <> NEW.`status`
BEGIN
  UPDATE `shifts` SET
    `taken` = `taken` - (OLD.`status` = 'confirmed') + (NEW.`status` = 'confirmed'),
    `waitlisted` = `waitlisted` - (OLD.`status` = 'waitlisted') + (NEW.`status` = 'waitlisted')
  WHERE `id` = NEW.`shift_id`;
END;
