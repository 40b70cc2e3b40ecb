CREATE TABLE `wall_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`place_kind` text NOT NULL,
	`place_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "wall_links_kind" CHECK("wall_links"."place_kind" in ('street', 'community'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wall_links_token_hash_unique` ON `wall_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `wall_links_place` ON `wall_links` (`place_kind`,`place_id`,`id`);