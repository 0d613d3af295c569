// Base models a job can start from, with the shape numbers the cost estimate needs (parameters, layers, hidden size),
// read from each model's published config.json / model card on the Hugging Face Hub. The paper's two bases come
// first; two small chat models follow so a user can smoke-test a job on one GPU before paying for the real one.
// Any other model is accepted with its shape given as PARAMS_B:LAYERS:HIDDEN:CONTEXT (parseModelShape).
import { EXPORT_DEFAULTS } from '../config/defaults.js';

export interface BaseModel {
  /** Hugging Face model id. */
  id: string;
  /** Short names accepted by --base-model. */
  aliases: string[];
  /** Parameters, billions (model card). */
  paramsB: number;
  layers: number;
  hidden: number;
  /** Longest sequence the model takes (max_position_embeddings). */
  maxContext: number;
  /** Which of the paper's learning rates applies ("Llama-3.1-8B" / "Gemma-2-27B" in training-hparams.json). */
  paperName?: string;
  /** Attention heads: needed only where attention is eager (it then keeps a seq x seq score matrix per head). */
  heads?: number;
  /** Attention kernel for training and scoring, with why. */
  attention: { implementation: 'flash_attention_2' | 'eager' | 'sdpa'; why: string };
  /** Whether the chat template takes a system turn (Gemma's refuses one: "System role not supported"). */
  systemRole: boolean;
  source: string;
}

const FLASH = { implementation: 'flash_attention_2' as const, why: 'FlashAttention-2: no seq^2 attention matrix' };

export const BASE_MODELS: BaseModel[] = [
  {
    id: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
    aliases: ['llama-3.1-8b', 'Llama-3.1-8B', 'meta-llama/Llama-3.1-8B-Instruct'],
    paramsB: 8.03,
    layers: 32,
    hidden: 4096,
    maxContext: 131072,
    paperName: 'Llama-3.1-8B',
    attention: FLASH,
    systemRole: true,
    source:
      'meta-llama/Llama-3.1-8B-Instruct config.json (num_hidden_layers 32, hidden_size 4096, ' +
      'max_position_embeddings 131072); 8.03B parameters',
  },
  {
    id: 'google/gemma-2-27b-it',
    aliases: ['gemma-2-27b', 'Gemma-2-27B'],
    paramsB: 27.2,
    layers: 46,
    hidden: 4608,
    maxContext: 8192,
    paperName: 'Gemma-2-27B',
    heads: 32,
    // Skywork-Reward README [A]: the 27B model needs flash_attention_2 or eager; the default sdpa may degrade it.
    attention: { implementation: 'eager', why: 'Skywork README [A]: Gemma-2-27B needs flash_attention_2 or eager' },
    systemRole: false,
    source:
      'google/gemma-2-27b-it config.json (num_hidden_layers 46, hidden_size 4608, max_position_embeddings ' +
      '8192, num_attention_heads 32); 27.2B parameters',
  },
  {
    id: 'meta-llama/Llama-3.2-1B-Instruct',
    aliases: ['llama-3.2-1b'],
    paramsB: 1.24,
    layers: 16,
    hidden: 2048,
    maxContext: 131072,
    attention: FLASH,
    systemRole: true,
    source:
      'meta-llama/Llama-3.2-1B-Instruct config.json (num_hidden_layers 16, hidden_size 2048, ' +
      'max_position_embeddings 131072); 1.24B parameters',
  },
  {
    id: 'Qwen/Qwen2.5-0.5B-Instruct',
    aliases: ['qwen2.5-0.5b'],
    paramsB: 0.49,
    layers: 24,
    hidden: 896,
    maxContext: 32768,
    attention: FLASH,
    systemRole: true,
    source:
      'Qwen/Qwen2.5-0.5B-Instruct config.json (num_hidden_layers 24, hidden_size 896, max_position_embeddings ' +
      '32768); 0.49B parameters',
  },
];

/** The base model a job uses when none is named (src/config). */
export const DEFAULT_BASE_MODEL = EXPORT_DEFAULTS.baseModel;

export type ModelShape = Pick<BaseModel, 'paramsB' | 'layers' | 'hidden' | 'maxContext'>;

/** "8.03:32:4096:131072" -> shape of an unlisted model; errors name the part that is wrong. */
export function parseModelShape(text: string): ModelShape {
  const parts = text.split(':');
  if (parts.length !== 4)
    throw new Error(`--model-shape must be PARAMS_B:LAYERS:HIDDEN:CONTEXT, e.g. 8.03:32:4096:131072; got "${text}"`);
  const [paramsB, layers, hidden, maxContext] = parts.map(Number);
  if (!(paramsB > 0)) throw new Error(`--model-shape: parameters (billions) must be > 0, got "${parts[0]}"`);
  for (const [name, v, raw] of [
    ['layers', layers, parts[1]],
    ['hidden size', hidden, parts[2]],
    ['context length', maxContext, parts[3]],
  ] as const)
    if (!Number.isInteger(v) || v <= 0)
      throw new Error(`--model-shape: ${name} must be a positive integer, got "${raw}"`);
  return { paramsB, layers, hidden, maxContext };
}

/** The base model by id or alias (case-insensitive); an unlisted id needs its shape. */
export function resolveBaseModel(name: string, shape?: string): BaseModel {
  const key = name.toLowerCase();
  const known = BASE_MODELS.find((m) => m.id.toLowerCase() === key || m.aliases.some((a) => a.toLowerCase() === key));
  if (known && !shape) return known;
  if (!shape) {
    throw new Error(
      `unknown base model "${name}": use one of ${BASE_MODELS.map((m) => m.id).join(', ')}, ` +
        'or give its shape with --model-shape PARAMS_B:LAYERS:HIDDEN:CONTEXT (from its config.json)',
    );
  }
  return {
    id: known?.id ?? name,
    aliases: [],
    ...parseModelShape(shape),
    ...(known?.paperName ? { paperName: known.paperName } : {}),
    attention: known?.attention ?? FLASH,
    // An unlisted model: Gemma's family has no system role; the others we list take one first.
    systemRole: known?.systemRole ?? !/gemma/i.test(name),
    source: `shape given on the command line (--model-shape ${shape})`,
  };
}
