CREATE TABLE `donations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_id` integer NOT NULL,
	`from_user_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`household_id` integer,
	`amount` integer NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`transfer_id`) REFERENCES `ledger_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `donations_transfer` ON `donations` (`transfer_id`);--> statement-breakpoint
CREATE INDEX `donations_household` ON `donations` (`household_id`);--> statement-breakpoint
CREATE INDEX `donations_from` ON `donations` (`from_user_id`);--> statement-breakpoint
CREATE TABLE `earning_rules` (
	`community_id` integer PRIMARY KEY NOT NULL,
	`points_per_hour` integer NOT NULL,
	`per_request` text NOT NULL,
	`request_default` integer NOT NULL,
	`five_star_bonus` integer NOT NULL,
	`daily_cap` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `earnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`cause` text NOT NULL,
	`earned_on` text NOT NULL,
	`points` integer NOT NULL,
	`status` text NOT NULL,
	`owed_points` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`settled_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "earnings_points" CHECK("earnings"."points" > 0),
	CONSTRAINT "earnings_owed" CHECK("earnings"."owed_points" >= 0),
	CONSTRAINT "earnings_status" CHECK("earnings"."status" in ('waiting', 'paid', 'reversed', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `earnings_cause` ON `earnings` (`cause`);--> statement-breakpoint
CREATE INDEX `earnings_user_day` ON `earnings` (`user_id`,`earned_on`);--> statement-breakpoint
CREATE INDEX `earnings_community_status` ON `earnings` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `ledger_balances` (
	`account` text PRIMARY KEY NOT NULL,
	`posted` integer DEFAULT 0 NOT NULL,
	`reserved` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_balances_not_negative" CHECK("ledger_balances"."account" like 'issuance:%' or "ledger_balances"."posted" - "ledger_balances"."reserved" >= 0),
	CONSTRAINT "ledger_balances_reserved" CHECK("ledger_balances"."reserved" >= 0)
);
--> statement-breakpoint
CREATE TABLE `redemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`points` integer NOT NULL,
	`code` text NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`reserved_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`settled_at` integer,
	`settled_by` integer,
	FOREIGN KEY (`item_id`) REFERENCES `store_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "redemptions_quantity" CHECK("redemptions"."quantity" between 1 and 10),
	CONSTRAINT "redemptions_status" CHECK("redemptions"."status" in ('reserved', 'collected', 'expired'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `redemptions_user_key` ON `redemptions` (`user_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `redemptions_live_code` ON `redemptions` (`community_id`,`code`) WHERE "redemptions"."status" = 'reserved';--> statement-breakpoint
CREATE INDEX `redemptions_due` ON `redemptions` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `redemptions_user_item` ON `redemptions` (`user_id`,`item_id`,`reserved_at`);--> statement-breakpoint
CREATE INDEX `redemptions_community` ON `redemptions` (`community_id`,`reserved_at`);--> statement-breakpoint
CREATE TABLE `store_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`points_price` integer NOT NULL,
	`stock` integer NOT NULL,
	`monthly_limit` integer,
	`active` integer DEFAULT true NOT NULL,
	`photo` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "store_items_stock" CHECK("store_items"."stock" >= 0),
	CONSTRAINT "store_items_price" CHECK("store_items"."points_price" > 0),
	CONSTRAINT "store_items_name_len" CHECK(length("store_items"."name") between 1 and 40)
);
--> statement-breakpoint
CREATE INDEX `store_items_community` ON `store_items` (`community_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_id` integer NOT NULL,
	`account` text NOT NULL,
	`amount` integer NOT NULL,
	`created_at` integer NOT NULL,
	`prev_hash` text,
	`hash` text,
	FOREIGN KEY (`transfer_id`) REFERENCES `ledger_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_amount" CHECK("__new_ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
INSERT INTO `__new_ledger_entries`("id", "transfer_id", "account", "amount", "created_at", "prev_hash", "hash") SELECT "id", "transfer_id", "account", "amount", "created_at", "prev_hash", "hash" FROM `ledger_entries`;--> statement-breakpoint
DROP TABLE `ledger_entries`;--> statement-breakpoint
ALTER TABLE `__new_ledger_entries` RENAME TO `ledger_entries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_hash` ON `ledger_entries` (`hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_prev_hash` ON `ledger_entries` (`prev_hash`);--> statement-breakpoint
CREATE INDEX `ledger_transfers_credit` ON `ledger_transfers` (`credit`);--> statement-breakpoint
CREATE INDEX `ledger_transfers_cause` ON `ledger_transfers` (`cause`);--> statement-breakpoint
CREATE INDEX `ledger_transfers_created` ON `ledger_transfers` (`created_at`);