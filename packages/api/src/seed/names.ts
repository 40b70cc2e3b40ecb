import { must } from "@tongxin/core";
/** Invented names for demo residents: common surnames and given-name characters, no real person. */
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强海燕凤兰淑珍玉梅德明文博子涵雨欣浩然梓轩思远晓东春梅秋菊冬梅志红永刚卫东爱华桂芳";

/** A small deterministic PRNG (mulberry32), so every demo start builds the same street. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: ArrayLike<T>): T =>
  must(items[Math.floor(random() * items.length)]);

export function personName(random: () => number): string {
  const given = Array.from({ length: random() < 0.6 ? 2 : 1 }, () => pick(random, GIVEN)).join("");
  return pick(random, SURNAMES) + given;
}
