-- Accounts staff opened before one-time passwords had to be changed still sign in with the password staff read:
-- ask each of them to set their own at the next sign-in (someone who already changed it sets it once more).
UPDATE `users` SET `must_change_password` = 1 WHERE `created_by` IS NOT NULL;
