CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_id` integer NOT NULL,
	`account` text NOT NULL,
	`amount` integer NOT NULL,
	`created_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`transfer_id`) REFERENCES `ledger_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_amount" CHECK("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_hash` ON `ledger_entries` (`hash`);--> statement-breakpoint
CREATE TABLE `ledger_transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debit` text NOT NULL,
	`credit` text NOT NULL,
	`amount` integer NOT NULL,
	`state` text NOT NULL,
	`reason` text NOT NULL,
	`cause` text,
	`idempotency_key` text NOT NULL,
	`two_phase` integer NOT NULL,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	`settled_at` integer,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_transfers_amount" CHECK("ledger_transfers"."amount" > 0),
	CONSTRAINT "ledger_transfers_accounts" CHECK("ledger_transfers"."debit" <> "ledger_transfers"."credit"),
	CONSTRAINT "ledger_transfers_state" CHECK("ledger_transfers"."state" in ('pending', 'posted', 'voided'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_transfers_key` ON `ledger_transfers` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `ledger_transfers_debit_state` ON `ledger_transfers` (`debit`,`state`);