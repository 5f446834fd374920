/**
 * The domain thesaurus: each group lists phrases that mean the same thing in questions about the referendum
 * and in the articles. Phrases are matched on lemmatised, stemmed words, so list one form of each.
 * Groups describe the domain (elections, the constitution, Kazakhstan's institutions) and common paraphrases
 * of its verbs, never the wording of particular questions.
 */
export const SYNONYM_GROUPS: Record<string, readonly string[]> = {
  turkiye: ['türkiye', 'turkiye', 'turkey', 'turkish'],
  precinct: ['polling station', 'polling place', 'polling site', 'polling booth', 'voting station', 'voting place', 'voting site', 'precinct', 'electoral precinct'],
  cec: ['central election commission', 'central electoral commission', 'cec', 'election commission', 'electoral commission'],
  osce: ['osce', 'odihr', 'office for democratic institutions and human rights', 'organization for security and co-operation in europe', 'organization for security and cooperation in europe'],
  amendment: ['amendment', 'amend', 'change', 'modification', 'modify', 'revision', 'revise', 'addition'],
  respondent: ['respondent', 'interviewee', 'people surveyed', 'people polled', 'participant in the survey', 'sample', 'sample size'],
  referendum: ['referendum', 'plebiscite', 'popular vote', 'nationwide vote', 'national vote'],
  support: ['support', 'back', 'endorse', 'favor', 'favour', 'approve', 'in favor', 'in favour'],
  know: ['know', 'aware', 'awareness', 'familiar', 'informed', 'heard of'],
  president: ['president', 'head of state', 'presidential'],
  ombudsman: ['ombudsman', 'ombudsperson', 'ombudswoman', 'commissioner for human rights', 'human rights commissioner', 'human rights ombudsman'],
  mazhilis: ['mazhilis', 'majilis', 'lower chamber', 'lower house'],
  senate: ['senate', 'upper chamber', 'upper house'],
  youth: ['youth', 'young people', 'younger generation', 'young'],
  court: ['constitutional court', 'constitutional council'],
  adult: ['adult', 'over 18', 'aged 18', 'voting age', 'grown-up', 'of legal age'],
  human_rights: ['human rights', 'rights and freedoms', 'civil rights'],
  decentralization: ['decentralization', 'decentralisation', 'redistribution of power', 'balance of powers', 'decentralizing'],
};
