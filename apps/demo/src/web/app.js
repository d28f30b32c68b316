// The demo page: log in with a name, join a room, chat. The client logs in again and
// re-joins the room by itself whenever the connection comes back, with the messages missed.
import { JsonRpcClient } from '/client.js';

const $ = (id) => document.getElementById(id);
const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
// One platform per tab, so that two tabs of one person do not log each other out.
const platform = (sessionStorage.platform ??= `tab-${Math.random().toString(36).slice(2, 10)}`);
let token = null;
let room = null;

const client = new JsonRpcClient({
  url: `${scheme}://${location.host}/ws`,
  autoConnect: false,
  getToken: () => token,
  platform,
});

function note(text) {
  const item = document.createElement('li');
  item.className = 'note';
  item.textContent = text;
  $('messages').append(item);
  item.scrollIntoView({ block: 'end' });
}

function showMembers(members) {
  $('members').replaceChildren(
    ...members.map((name) => Object.assign(document.createElement('li'), { textContent: name })),
  );
}

client.on('state', (state) => {
  $('state').dataset.state = state;
  $('state').textContent = state;
});
client.on('disconnected', ({ code, reconnectInMs }) => {
  if (reconnectInMs !== undefined)
    note(`Connection lost (${code}), reconnecting in ${Math.round(reconnectInMs / 100) / 10} s…`);
  else note(`Disconnected (${code}).`);
});
client.on('connected', async ({ reconnected }) => {
  if (!reconnected || !room) return;
  note(`Reconnected, back in ${room}.`);
  showMembers((await client.call('chat.members', { room })).members);
});
// Rooms keep their recent messages: after a reconnect (or a message missing on the way) the
// client first delivers the ones missed, and says whether it could.
client.on('recovered', async ({ topic, recovered, publications }) => {
  if (topic !== `room:${room}`) return;
  if (recovered)
    return note(`${publications} missed message${publications === 1 ? '' : 's'} recovered.`);
  note('History lost: reloaded; messages sent meanwhile may be missing.');
  showMembers((await client.call('chat.members', { room })).members);
});
client.on('chat.message', ({ room: from, from: user, text }) => {
  if (from !== room) return;
  const item = document.createElement('li');
  item.append(Object.assign(document.createElement('b'), { textContent: `${user}: ` }), text);
  $('messages').append(item);
  item.scrollIntoView({ block: 'end' });
});
client.on('chat.presence', ({ room: changed, members }) => {
  if (changed === room) showMembers(members);
});
client.on('session.kicked', ({ reason }) => note(`Logged out: ${reason}`));

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  client.connect();
  try {
    const username = $('name').value;
    ({ token } = await client.call('auth.login', { username, password: 'demo', platform }));
    $('login-form').hidden = true;
    $('chat').hidden = false;
    note(`Logged in as ${username}.`);
  } catch (error) {
    note(`Login failed: ${error.message}`);
  }
});

$('room-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const next = $('room').value;
  if (room) await client.unsubscribe([`room:${room}`]);
  await client.subscribe([`room:${next}`]);
  room = next;
  $('messages').replaceChildren();
  note(`Joined ${room}.`);
  showMembers((await client.call('chat.members', { room })).members);
  $('text').disabled = $('send').disabled = false;
  $('text').focus();
});

$('send-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value;
  $('text').value = '';
  try {
    await client.call('chat.send', { room, text });
  } catch (error) {
    note(`Not sent: ${error.message}`);
  }
});
