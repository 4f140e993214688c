// Drives KnowledgeCloud with the official OpenAI Node client, unchanged: only baseURL and apiKey differ.
// Prints one JSON object with what the client saw; OpenAiClientIT asserts on it.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.KC_BASE_URL, apiKey: process.env.KC_API_KEY });
const out = {};

const models = await client.models.list();
out.models = models.data.map((m) => m.id);

const completion = await client.chat.completions.create({
  model: 'knowledgecloud',
  messages: [{ role: 'user', content: process.env.KC_QUESTION }],
});
out.content = completion.choices[0].message.content;
out.finish = completion.choices[0].finish_reason;
out.citations = completion.knowledgecloud.citations.length;
out.usage = completion.usage.total_tokens;

const stream = await client.chat.completions.create({
  model: 'knowledgecloud',
  messages: [{ role: 'user', content: process.env.KC_QUESTION }],
  stream: true,
});
out.streamed = '';
out.chunks = 0;
for await (const chunk of stream) {
  out.chunks++;
  out.streamed += chunk.choices[0]?.delta?.content ?? '';
  if (chunk.knowledgecloud) {
    out.streamCitations = chunk.knowledgecloud.citations.length;
    out.streamFinish = chunk.choices[0].finish_reason;
  }
}

try {
  await client.chat.completions.create({ model: 'knowledgecloud', messages: [{ role: 'user', content: ' ' }] });
  out.error = 'none';
} catch (e) {
  out.error = { status: e.status, name: e.constructor.name };
}
console.log(JSON.stringify(out));
