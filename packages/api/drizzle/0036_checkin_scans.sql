CREATE TABLE `checkin_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signup_id` integer NOT NULL,
	`window` integer NOT NULL,
	`via` text NOT NULL,
	`scan_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`signup_id`) REFERENCES `signups`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "checkin_scans_via" CHECK("checkin_scans"."via" in ('qr', 'code')),
	CONSTRAINT "checkin_scans_times" CHECK("checkin_scans"."scan_at" <= "checkin_scans"."received_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_scans_signup_window` ON `checkin_scans` (`signup_id`,`window`);