import type { Api } from 'grammy';

/** The command menus Telegram shows: private chats get everything, groups what makes sense there. */
export async function registerCommands(api: Api): Promise<void> {
  await api.setMyCommands(
    [
      { command: 'start', description: 'Welcome and example questions' },
      { command: 'help', description: 'How to ask, here, in groups and inline' },
      { command: 'sources', description: 'The documents I quote' },
      { command: 'ask', description: 'Ask a question about the 2022 referendum' },
    ],
    { scope: { type: 'all_private_chats' } },
  );
  await api.setMyCommands(
    [
      { command: 'ask', description: 'Ask a question about the 2022 referendum' },
      { command: 'help', description: 'How to ask' },
      { command: 'sources', description: 'The documents I quote' },
    ],
    { scope: { type: 'all_group_chats' } },
  );
}
