CREATE TABLE `rate_counters` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start_ms` integer NOT NULL,
	`count` integer NOT NULL,
	`blocked_until_ms` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`actor_user_id` integer NOT NULL,
	`subject_user_id` integer NOT NULL,
	`fields` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_log_community` ON `access_log` (`community_id`,`id`);--> statement-breakpoint
CREATE INDEX `access_log_subject` ON `access_log` (`subject_user_id`,`id`);--> statement-breakpoint
DROP INDEX `request_holds_holder`;--> statement-breakpoint
CREATE INDEX `request_holds_holder` ON `request_holds` (`holder_key`,`ended_at`);--> statement-breakpoint
-- A transfer changes once: from pending to posted or voided, with its settling time, and nothing else.
CREATE TRIGGER `ledger_transfers_settle_once` BEFORE UPDATE ON `ledger_transfers`
WHEN old.`state` <> 'pending' OR new.`state` NOT IN ('posted', 'voided') OR new.`settled_at` IS NULL
  OR new.`id` IS NOT old.`id` OR new.`debit` IS NOT old.`debit` OR new.`credit` IS NOT old.`credit`
  OR new.`amount` IS NOT old.`amount` OR new.`reason` IS NOT old.`reason` OR new.`cause` IS NOT old.`cause`
  OR new.`idempotency_key` IS NOT old.`idempotency_key` OR new.`two_phase` IS NOT old.`two_phase`
  OR new.`actor_user_id` IS NOT old.`actor_user_id` OR new.`created_at` IS NOT old.`created_at`
BEGIN
  SELECT RAISE(ABORT, 'ledger transfers change once, from pending to posted or voided');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_transfers_no_delete` BEFORE DELETE ON `ledger_transfers`
BEGIN
  SELECT RAISE(ABORT, 'ledger transfers are immutable');
END;
