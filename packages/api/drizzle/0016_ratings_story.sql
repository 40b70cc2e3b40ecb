ALTER TABLE `communities` ADD `supervision_phone` text;--> statement-breakpoint
CREATE UNIQUE INDEX `rating_objections_objector` ON `rating_objections` (`nomination_id`,`objector_user_id`);