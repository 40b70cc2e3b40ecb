-- The built-in schemes (from BUILT_IN_SCHEMES in packages/core/src/rating.ts), and published awards made immutable.
INSERT INTO `rating_schemes` (`community_id`, `code`, `name`, `subject_kind`, `stars`, `created_at`) VALUES (NULL, 'five_star_party_member', '五星党员', 'partyMember', '[{"key":"study","name":"学习星","criteria":"按时参加组织生活和理论学习，带头学习政策法规。","evidence":null},{"key":"unity","name":"团结星","criteria":"团结邻里，带头化解矛盾，维护社区和谐。","evidence":null},{"key":"help","name":"帮扶星","criteria":"结对帮扶困难群众，认领并办好群众需求。","evidence":{"metric":"requestsServed","min":3}},{"key":"care","name":"关爱星","criteria":"关心关爱老人、儿童和困难家庭。","evidence":null},{"key":"devotion","name":"奉献星","criteria":"积极参加志愿服务，服务时长达到要求。","evidence":{"metric":"serviceMinutes","min":1200}}]', 0);
--> statement-breakpoint
INSERT INTO `rating_schemes` (`community_id`, `code`, `name`, `subject_kind`, `stars`, `created_at`) VALUES (NULL, 'five_star_family', '五星家庭', 'household', '[{"key":"books","name":"文明书香之星","criteria":"家风良好，崇尚读书，文明有礼。","evidence":null},{"key":"neighbours","name":"邻里和睦之星","criteria":"邻里团结互助，家庭和睦。","evidence":null},{"key":"green","name":"绿色环保之星","criteria":"垃圾分类到位，节约资源，爱护环境。","evidence":null},{"key":"public_good","name":"热心公益之星","criteria":"家庭成员积极参加志愿服务和公益活动。","evidence":{"metric":"serviceMinutes","min":600}},{"key":"filial","name":"孝老爱亲之星","criteria":"孝敬老人，关爱家人。","evidence":null}]', 0);
--> statement-breakpoint
CREATE TRIGGER `rating_awards_immutable` BEFORE UPDATE ON `rating_awards`
BEGIN
  SELECT RAISE(ABORT, 'published awards are immutable; revoke with a reason');
END;
--> statement-breakpoint
CREATE TRIGGER `rating_awards_no_delete` BEFORE DELETE ON `rating_awards`
BEGIN
  SELECT RAISE(ABORT, 'published awards are immutable; revoke with a reason');
END;
--> statement-breakpoint
CREATE TRIGGER `rating_revocations_immutable` BEFORE UPDATE ON `rating_revocations`
BEGIN
  SELECT RAISE(ABORT, 'a revocation is a public record and does not change');
END;
