/** A document with a fact no corpus document has, so only this file can answer the question about it. */
export const NEW_DOCUMENT = `---
id: aral-lighthouse-census
title: "Seagull census at the Aral lighthouse"
publisher: Reload Test Gazette
date: "2024-03-01"
language: en
---

On the morning of the vote, the lighthouse keeper Zhanibek Ospanov counted 4,217 seagulls over the Aral harbour.

He has kept the seagull census every spring since 1998.
`;
export const NEW_QUESTION = 'How many seagulls did the lighthouse keeper count?';
