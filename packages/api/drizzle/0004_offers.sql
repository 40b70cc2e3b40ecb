CREATE TABLE `offer_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`owner_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`slot_id`) REFERENCES `offer_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_bookings_live` ON `offer_bookings` (`slot_id`,`owner_user_id`) WHERE "offer_bookings"."cancelled_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `offer_bookings_request` ON `offer_bookings` (`request_id`);--> statement-breakpoint
CREATE TABLE `offer_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`booked` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "offer_slots_booked" CHECK("offer_slots"."booked" >= 0 and "offer_slots"."booked" <= "offer_slots"."capacity"),
	CONSTRAINT "offer_slots_times" CHECK("offer_slots"."ends_at" > "offer_slots"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `offer_slots_offer_start` ON `offer_slots` (`offer_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`provider_key` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`place_kind` text NOT NULL,
	`place` text NOT NULL,
	`schedule` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "offers_category" CHECK("offers"."category" in ('plumbing', 'haircut', 'tutoring', 'health', 'legal', 'companionship', 'item', 'environment', 'dispute', 'other')),
	CONSTRAINT "offers_place_kind" CHECK("offers"."place_kind" in ('service_point', 'door_to_door')),
	CONSTRAINT "offers_title_len" CHECK(length("offers"."title") between 1 and 60)
);
--> statement-breakpoint
CREATE INDEX `offers_community` ON `offers` (`community_id`,`archived_at`);--> statement-breakpoint
CREATE INDEX `offers_provider` ON `offers` (`provider_key`);