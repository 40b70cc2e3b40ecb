CREATE TABLE `body_members` (
	`community_id` integer NOT NULL,
	`body` text NOT NULL,
	`user_id` integer NOT NULL,
	`added_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `body`, `user_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "body_members_body" CHECK("body_members"."body" in ('twoCommittees', 'partyMembers', 'residentReps', 'jointCommittee', 'bench'))
);
--> statement-breakpoint
CREATE TABLE `meeting_conflicts` (
	`meeting_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `topic_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_invitations` (
	`meeting_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`seat` text NOT NULL,
	`partner_unit_id` integer,
	`reply` text,
	`replied_at` integer,
	`attended_at` integer,
	`check_in_method` text,
	`marked_by` integer,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_unit_id`) REFERENCES `partner_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meeting_invitations_seat" CHECK("meeting_invitations"."seat" in ('committee', 'partyMember', 'representative', 'partner', 'resident', 'gridWorker')),
	CONSTRAINT "meeting_invitations_reply" CHECK("meeting_invitations"."reply" is null or "meeting_invitations"."reply" in ('attend', 'decline')),
	CONSTRAINT "meeting_invitations_method" CHECK("meeting_invitations"."check_in_method" is null or "meeting_invitations"."check_in_method" in ('qr', 'hand'))
);
--> statement-breakpoint
CREATE INDEX `meeting_invitations_user` ON `meeting_invitations` (`user_id`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_rules` (
	`community_id` integer NOT NULL,
	`body` text NOT NULL,
	`quorum_numerator` integer NOT NULL,
	`quorum_denominator` integer NOT NULL,
	`quorum_strict` integer NOT NULL,
	`quorum_min` integer NOT NULL,
	`quorum_seat` text,
	`majority_numerator` integer NOT NULL,
	`majority_denominator` integer NOT NULL,
	`majority_strict` integer NOT NULL,
	`majority_base` text NOT NULL,
	`proposer_excluded` integer NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `body`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meeting_rules_body" CHECK("meeting_rules"."body" in ('twoCommittees', 'partyMembers', 'residentReps', 'jointCommittee', 'bench')),
	CONSTRAINT "meeting_rules_base" CHECK("meeting_rules"."majority_base" in ('members', 'present'))
);
