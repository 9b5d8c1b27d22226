using Landscaper.Language.Onnx;

namespace Landscaper.Language.Bert;

/// <summary>
/// Maps the initializers of a BERT-family ONNX export to <see cref="BertEncoder"/> parameter names by walking the
/// graph's data flow, never by initializer names (exporters give MatMul weights anonymous numbers):
/// <list type="number">
/// <item>Embeddings: the <c>Gather</c>s of <c>input_ids</c> and <c>token_type_ids</c>, the third table added into the
/// same sum (positions), then the LayerNorm applied to the sum.</item>
/// <item>Each layer starts at a hidden state read by exactly three MatMul+bias projections. They are told apart by
/// where they flow (through Reshape/Transpose/scaling): the two that meet in the score MatMul are query (left
/// operand) and key (right); the one multiplied by the softmax probabilities is value.</item>
/// <item>The context MatMul leads (Transpose, Reshape) to the attention output projection, a residual Add with the
/// layer input and a LayerNorm; from there the intermediate projection, an erf GELU, the output projection, the
/// residual Add and the final LayerNorm give the next hidden state.</item>
/// <item>LayerNorm is recognised as one <c>LayerNormalization</c> node or its decomposition (ReduceMean, Sub, Pow,
/// ReduceMean, Add ε, Sqrt, Div, Mul γ, Add β); the head count from the constants of the attention Reshape.</item>
/// </list>
/// A pooler (first token → dense → tanh) after the last layer is recognised and reported as ignored; any other float
/// initializer left over is an error.
/// </summary>
public static class BertOnnxMapper
{
    private static readonly HashSet<string> HeadReshapeOps = ["Reshape", "Transpose", "Div", "Mul", "Identity", "Cast"];
    private static readonly HashSet<string> ScoreOps = ["Div", "Mul", "Add", "Softmax", "Identity", "Cast", "Where", "Dropout"];
    private static readonly HashSet<string> MergeOps = ["Transpose", "Reshape", "Identity"];
    private static readonly HashSet<string> PoolerOps = ["Squeeze", "Reshape", "Identity"];
    private static readonly HashSet<string> ActivationOps = ["Div", "Mul", "Add", "Erf", "Tanh", "Pow", "Sigmoid", "Gelu", "Identity", "Cast"];

    /// <summary>Walks <paramref name="graph"/> and binds every encoder parameter to an initializer.</summary>
    /// <exception cref="BertMappingException">The graph does not match the pattern, shapes or constants disagree,
    /// or float initializers remain unmapped (the message lists them).</exception>
    public static BertWeightMap Map(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        OnnxGraphIndex index;
        try { index = new OnnxGraphIndex(graph); }
        catch (OnnxFormatException ex) { throw new BertMappingException(ex.Message); }
        return new Walk(index).Run();
    }

    private sealed class Walk(OnnxGraphIndex g)
    {
        private readonly List<BertWeightBinding> _bindings = [];
        private readonly Dictionary<string, string> _ignored = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private readonly List<string> _structural = [];
        private double? _eps;

        public BertWeightMap Run()
        {
            var (embeddingsOut, vocab, hidden, positions, types) = Embeddings();
            var h = embeddingsOut;
            int layers = 0, heads = -1, intermediate = -1;
            while (true)
            {
                var projections = LinearConsumers(h);
                if (projections.Count == 0) break;
                if (projections.Count != 3)
                    throw new BertMappingException(
                        $"Layer {layers}: the hidden state '{h}' feeds {projections.Count} MatMul projections; a BERT layer has three (query, key, value).");
                var (next, layerHeads, layerFfn) = Layer(layers, h, projections, hidden);
                if (heads >= 0 && layerHeads != heads) throw new BertMappingException($"Layer {layers} has {layerHeads} attention heads, earlier layers {heads}.");
                if (intermediate >= 0 && layerFfn != intermediate) throw new BertMappingException($"Layer {layers} has feed-forward width {layerFfn}, earlier layers {intermediate}.");
                heads = layerHeads;
                intermediate = layerFfn;
                h = next;
                layers++;
            }
            if (layers == 0) throw new BertMappingException($"No transformer layer follows the embeddings' LayerNorm output '{embeddingsOut}'.");
            Pooler(h);
            CheckLeftovers();
            var config = new BertConfig(vocab, hidden, layers, heads, intermediate, positions, types, _eps ?? 1e-12);
            try { config.Validate(); }
            catch (ArgumentException ex) { throw new BertMappingException($"The shapes found in the graph do not form a valid BERT configuration: {ex.Message}"); }
            return new BertWeightMap(config, _bindings.ToArray(), _ignored, _structural.ToArray());
        }

        // ---- embeddings -------------------------------------------------------------------------------------------

        private (string Out, int Vocab, int Hidden, int Positions, int Types) Embeddings()
        {
            var word = EmbeddingGather("input_ids");
            var type = EmbeddingGather("token_type_ids");
            var wordTable = Table(word, "word embedding");
            var typeTable = Table(type, "token type embedding");
            int hidden = (int)wordTable.Dims[1];
            // Follow the sum that starts at the word lookup: each Add brings in one more table.
            string sum = word.Outputs[0];
            OnnxNode? position = null;
            bool sawType = false;
            for (int guard = 0; guard < 4; guard++)
            {
                var add = g.Consumers(sum).Select(c => c.Node).FirstOrDefault(n => n.OpType == "Add");
                if (add is null) break;
                string other = add.Inputs[0] == sum ? add.Inputs[1] : add.Inputs[0];
                var producer = g.Producer(other);
                if (producer == type) sawType = true;
                else if (producer is { OpType: "Gather" } && g.Initializer(producer.Inputs[0]) is { DataType: OnnxDataType.Float or OnnxDataType.Double }) position = producer;
                else throw new BertMappingException($"The embedding sum '{sum}' is added to '{other}', which is not an embedding lookup ({producer?.ToString() ?? "no producer"}).");
                sum = add.Outputs[0];
            }
            if (!sawType) throw new BertMappingException("The token type embedding lookup is not added to the word embeddings.");
            if (position is null) throw new BertMappingException("No position embedding lookup is added to the word embeddings.");
            var positionTable = Table(position, "position embedding");
            foreach (var t in new[] { typeTable, positionTable })
                if (t.Dims[1] != hidden) throw new BertMappingException($"Embedding table '{t.Name}' {t.ShapeText} does not have width {hidden} like the word embeddings.");
            CheckPositionIds(position);
            Bind("embeddings.word_embeddings.weight", wordTable, false);
            Bind("embeddings.position_embeddings.weight", positionTable, false);
            Bind("embeddings.token_type_embeddings.weight", typeTable, false);
            string output = LayerNorm(sum, "embeddings.LayerNorm", hidden);
            return (output, (int)wordTable.Dims[0], hidden, (int)positionTable.Dims[0], (int)typeTable.Dims[0]);
        }

        private OnnxNode EmbeddingGather(string graphInput)
        {
            if (!g.Graph.Inputs.Any(i => i.Name == graphInput))
                throw new BertMappingException($"The graph has no input '{graphInput}'; inputs are: {string.Join(", ", g.Graph.Inputs.Select(i => i.Name))}.");
            var gathers = g.Consumers(graphInput).Where(c => c.Node.OpType == "Gather" && c.Input == 1 && g.Initializer(c.Node.Inputs[0]) is not null).ToList();
            if (gathers.Count != 1)
                throw new BertMappingException($"Expected one embedding lookup (Gather of an initializer) of '{graphInput}', found {gathers.Count}.");
            return gathers[0].Node;
        }

        private OnnxTensor Table(OnnxNode gather, string what)
        {
            var t = g.Initializer(gather.Inputs[0])!;
            if (t.Dims.Count != 2 || t.DataType is not (OnnxDataType.Float or OnnxDataType.Double))
                throw new BertMappingException($"The {what} table '{t.Name}' must be a float matrix, got {t.DataType} {t.ShapeText}.");
            var axis = gather.Attribute("axis");
            if (axis is not null && axis.Int != 0) throw new BertMappingException($"The {what} lookup {gather} gathers along axis {axis.Int}, not 0.");
            return t;
        }

        /// <summary>When positions come from an initializer (typically <c>position_ids</c> sliced to the length), it must be 0, 1, 2, …</summary>
        private void CheckPositionIds(OnnxNode positionGather)
        {
            var producer = g.Producer(positionGather.Inputs[1]);
            var source = producer?.OpType == "Slice" ? producer.Inputs[0] : positionGather.Inputs[1];
            if (g.Initializer(source) is not { } ids) return;
            var values = ids.ToInt64s();
            for (int i = 0; i < values.Length; i++)
                if (values[i] != i)
                    throw new BertMappingException($"Position ids '{ids.Name}' are not 0, 1, 2, … (entry {i} is {values[i]}); only absolute positions are supported.");
            _used.Add(ids.Name);
            _structural.Add(ids.Name);
        }

        // ---- layers -----------------------------------------------------------------------------------------------

        private (string Next, int Heads, int Ffn) Layer(int layer, string h, List<Linear> projections, int hidden)
        {
            string prefix = $"encoder.layer.{layer}.";
            // Where does each projection flow? Two meet in the score MatMul, one is multiplied by the probabilities.
            var targets = projections.Select(p => (Projection: p, Target: FollowTo(p.Output, HeadReshapeOps, IsActivationMatMul))).ToList();
            foreach (var t in targets)
                if (t.Target is null) throw new BertMappingException($"Layer {layer}: projection {t.Projection.Node} does not reach an attention MatMul.");
            var groups = targets.GroupBy(t => t.Target!.Value.Node).ToList();
            var scoreGroup = groups.FirstOrDefault(x => x.Count() == 2)
                ?? throw new BertMappingException($"Layer {layer}: no MatMul multiplies two of the projections of '{h}' (query·keyᵀ).");
            var query = scoreGroup.Single(t => t.Target!.Value.Input == 0).Projection;
            var key = scoreGroup.Single(t => t.Target!.Value.Input == 1).Projection;
            var valueEntry = targets.Single(t => t.Target!.Value.Node != scoreGroup.Key);
            var context = valueEntry.Target!.Value.Node;
            if (valueEntry.Target!.Value.Input != 1)
                throw new BertMappingException($"Layer {layer}: the value projection enters {context} as the left operand; expected probabilities·value.");
            var scoreToContext = FollowTo(scoreGroup.Key.Outputs[0], ScoreOps, (n, i) => n == context && i == 0, out var scoreOps);
            if (scoreToContext is null || !scoreOps.Contains("Softmax"))
                throw new BertMappingException($"Layer {layer}: the scores {scoreGroup.Key} do not reach {context} through a Softmax.");
            int heads = Heads(layer, key.Output, hidden);
            BindLinear(prefix + "attention.self.query", query, hidden, hidden);
            BindLinear(prefix + "attention.self.key", key, hidden, hidden);
            BindLinear(prefix + "attention.self.value", valueEntry.Projection, hidden, hidden);

            var dense = FollowTo(context.Outputs[0], MergeOps, IsWeightMatMul)
                ?? throw new BertMappingException($"Layer {layer}: the attention context {context} does not reach an output projection.");
            var attentionOut = MatchLinear(dense.Node, layer, "attention output");
            BindLinear(prefix + "attention.output.dense", attentionOut, hidden, hidden);
            string attended = LayerNorm(Residual(attentionOut.Output, h, layer, "attention"), prefix + "attention.output.LayerNorm", hidden);

            var ffnIn = LinearConsumers(attended);
            if (ffnIn.Count != 1)
                throw new BertMappingException($"Layer {layer}: the attention output '{attended}' feeds {ffnIn.Count} projections; expected one (intermediate).");
            var up = ffnIn[0];
            int ffn = (int)up.OutFeatures;
            BindLinear(prefix + "intermediate.dense", up, hidden, ffn);
            var downNode = FollowTo(up.Output, ActivationOps, IsWeightMatMul, out var activation)
                ?? throw new BertMappingException($"Layer {layer}: the intermediate projection {up.Node} does not reach the output projection.");
            CheckGelu(layer, activation);
            var down = MatchLinear(downNode.Node, layer, "feed-forward output");
            BindLinear(prefix + "output.dense", down, ffn, hidden);
            string next = LayerNorm(Residual(down.Output, attended, layer, "feed-forward"), prefix + "output.LayerNorm", hidden);
            return (next, heads, ffn);
        }

        private void CheckGelu(int layer, HashSet<string> ops)
        {
            if (ops.Contains("Tanh") || ops.Contains("Sigmoid"))
                throw new BertMappingException($"Layer {layer}: the feed-forward activation uses {(ops.Contains("Tanh") ? "Tanh" : "Sigmoid")}; only the exact erf GELU is supported.");
            if (!ops.Contains("Erf") && !ops.Contains("Gelu"))
                throw new BertMappingException($"Layer {layer}: no Erf/Gelu between the feed-forward projections (found {string.Join(", ", ops)}); only the erf GELU is supported.");
        }

        /// <summary>Reads the head count from the Reshape that splits the key projection into heads: its target shape
        /// is either a constant [B, T, heads, size] or a Concat whose last two parts are constants.</summary>
        private int Heads(int layer, string keyOutput, int hidden)
        {
            var reshape = g.Consumers(keyOutput).Select(c => c.Node).FirstOrDefault(n => n.OpType == "Reshape")
                ?? throw new BertMappingException($"Layer {layer}: the key projection is not reshaped into heads.");
            long[]? shape = null;
            if (g.Constant(reshape.Inputs[1]) is { } constant) shape = SafeInts(constant);
            else if (g.Producer(reshape.Inputs[1]) is { OpType: "Concat" } concat)
            {
                var parts = concat.Inputs.Select(i => g.Constant(i) is { } c ? SafeInts(c) : null).ToList();
                if (parts.Count >= 2 && parts[^1] is { Length: 1 } last && parts[^2] is { Length: 1 } before) shape = [0, 0, before[0], last[0]];
                foreach (var input in concat.Inputs) if (g.Initializer(input) is not null) MarkStructural(input);
            }
            if (shape is not { Length: 4 } || shape[2] < 1 || shape[3] < 1)
                throw new BertMappingException($"Layer {layer}: cannot read the number of heads from {reshape} (target shape not constant).");
            if (shape[2] * shape[3] != hidden)
                throw new BertMappingException($"Layer {layer}: {shape[2]} heads × {shape[3]} does not equal the hidden size {hidden}.");
            return (int)shape[2];
        }

        private static long[]? SafeInts(OnnxTensor t)
        {
            try { return t.ToInt64s(); }
            catch (OnnxFormatException) { return null; }
        }

        private string Residual(string sublayerOutput, string residual, int layer, string what)
        {
            var add = g.Consumers(sublayerOutput).Select(c => c.Node)
                .FirstOrDefault(n => n.OpType == "Add" && n.Inputs.Contains(residual));
            return add?.Outputs[0] ?? throw new BertMappingException($"Layer {layer}: the {what} output '{sublayerOutput}' is not added to its input '{residual}' (residual connection).");
        }

        // ---- linear maps ------------------------------------------------------------------------------------------

        private sealed record Linear(OnnxNode Node, OnnxTensor Weight, OnnxTensor Bias, bool Transpose, string Output)
        {
            public long OutFeatures => Transpose ? Weight.Dims[1] : Weight.Dims[0];
            public long InFeatures => Transpose ? Weight.Dims[0] : Weight.Dims[1];
        }

        private bool IsWeightMatMul(OnnxNode n, int input) =>
            input == 0 && ((n.OpType == "MatMul" && g.Initializer(n.Inputs[1]) is not null) || (n.OpType == "Gemm" && g.Initializer(n.Inputs[1]) is not null));

        private bool IsActivationMatMul(OnnxNode n, int input) =>
            n.OpType == "MatMul" && g.Constant(n.Inputs[0]) is null && g.Constant(n.Inputs[1]) is null;

        private List<Linear> LinearConsumers(string value) =>
            g.Consumers(value).Where(c => IsWeightMatMul(c.Node, c.Input)).Select(c => MatchLinear(c.Node, -1, "projection")).ToList();

        /// <summary>MatMul(x, W[in, out]) followed by Add(b[out]) — or Gemm(x, W, b) — as one linear map.</summary>
        private Linear MatchLinear(OnnxNode node, int layer, string what)
        {
            string where = layer >= 0 ? $"Layer {layer}: the {what}" : $"The {what}";
            var weight = g.Initializer(node.Inputs[1])!;
            if (weight.Dims.Count != 2) throw new BertMappingException($"{where} weight '{weight.Name}' of {node} is not a matrix ({weight.ShapeText}).");
            if (node.OpType == "Gemm")
            {
                bool transB = node.Attribute("transB")?.Int == 1;
                if (node.Attribute("transA")?.Int == 1) throw new BertMappingException($"{where} {node} transposes its input (transA), which is not a linear layer.");
                if (node.Inputs.Count < 3 || g.Initializer(node.Inputs[2]) is not { } gemmBias)
                    throw new BertMappingException($"{where} {node} has no bias initializer.");
                return new Linear(node, weight, gemmBias, !transB, node.Outputs[0]);
            }
            var add = g.Consumers(node.Outputs[0]).Select(c => c.Node).FirstOrDefault(n => n.OpType == "Add" && n.Inputs.Any(i => g.Initializer(i) is { Dims.Count: 1 }))
                ?? throw new BertMappingException($"{where} {node} is not followed by a bias Add.");
            var bias = g.Initializer(add.Inputs.First(i => g.Initializer(i) is { Dims.Count: 1 }))!;
            return new Linear(node, weight, bias, true, add.Outputs[0]);
        }

        private void BindLinear(string module, Linear linear, long inFeatures, long outFeatures)
        {
            if (linear.InFeatures != inFeatures || linear.OutFeatures != outFeatures)
                throw new BertMappingException(
                    $"{module}.weight: initializer '{linear.Weight.Name}' {linear.Weight.ShapeText} does not map {inFeatures} → {outFeatures} features.");
            if (linear.Bias.Dims[0] != outFeatures)
                throw new BertMappingException($"{module}.bias: initializer '{linear.Bias.Name}' {linear.Bias.ShapeText} does not have {outFeatures} entries.");
            Bind(module + ".weight", linear.Weight, linear.Transpose);
            Bind(module + ".bias", linear.Bias, false);
        }

        // ---- LayerNorm --------------------------------------------------------------------------------------------

        private string LayerNorm(string x, string module, int hidden)
        {
            var consumers = g.Consumers(x).Select(c => c.Node).ToList();
            OnnxTensor gamma, beta;
            double eps;
            string output;
            if (consumers.FirstOrDefault(n => n.OpType == "LayerNormalization" && n.Inputs[0] == x) is { } fused)
            {
                if (fused.Inputs.Count < 3 || g.Initializer(fused.Inputs[1]) is not { } s || g.Initializer(fused.Inputs[2]) is not { } b)
                    throw new BertMappingException($"{module}: {fused} lacks scale/bias initializers.");
                long axis = fused.Attribute("axis")?.Int ?? -1;
                if (axis != -1 && axis != 2) throw new BertMappingException($"{module}: {fused} normalises axis {axis}, not the last.");
                (gamma, beta, eps, output) = (s, b, fused.Attribute("epsilon")?.Float ?? 1e-5, fused.Outputs[0]);
            }
            else
            {
                string Fail(string what) => throw new BertMappingException($"{module}: no LayerNorm on '{x}' ({what}).");
                var mean = consumers.FirstOrDefault(n => n.OpType == "ReduceMean") ?? throw new BertMappingException($"{module}: no LayerNorm on '{x}' (no ReduceMean).");
                var centre = consumers.FirstOrDefault(n => n.OpType == "Sub" && n.Inputs[0] == x && n.Inputs[1] == mean.Outputs[0]);
                if (centre is null) Fail("no Sub of the mean");
                var div = g.Consumers(centre!.Outputs[0]).Select(c => c.Node).FirstOrDefault(n => n.OpType == "Div" && n.Inputs[0] == centre.Outputs[0]);
                if (div is null) Fail("no Div of the centred values");
                var sqrt = g.Producer(div!.Inputs[1]);
                if (sqrt?.OpType != "Sqrt") Fail("the divisor is not a Sqrt");
                var addEps = g.Producer(sqrt!.Inputs[0]);
                if (addEps?.OpType != "Add") Fail("no Add of ε under the Sqrt");
                double? e = g.ScalarConstant(addEps!.Inputs[1]) ?? g.ScalarConstant(addEps.Inputs[0]);
                if (e is null) Fail("ε is not a constant");
                var variance = g.Producer(addEps.Inputs[g.ScalarConstant(addEps.Inputs[1]) is null ? 1 : 0]);
                if (variance?.OpType != "ReduceMean" || g.Producer(variance.Inputs[0]) is not { OpType: "Pow" } pow || pow.Inputs[0] != centre.Outputs[0]
                    || g.ScalarConstant(pow.Inputs[1]) != 2)
                    Fail("the variance is not ReduceMean(Pow(x − mean, 2))");
                var mul = g.Consumers(div.Outputs[0]).Select(c => c.Node).FirstOrDefault(n => n.OpType == "Mul" && n.Inputs.Any(i => g.Initializer(i) is not null));
                if (mul is null) Fail("no Mul by γ");
                var add = g.Consumers(mul!.Outputs[0]).Select(c => c.Node).FirstOrDefault(n => n.OpType == "Add" && n.Inputs.Any(i => g.Initializer(i) is not null));
                if (add is null) Fail("no Add of β");
                gamma = g.Initializer(mul.Inputs.First(i => g.Initializer(i) is not null))!;
                beta = g.Initializer(add!.Inputs.First(i => g.Initializer(i) is not null))!;
                (eps, output) = (e!.Value, add.Outputs[0]);
            }
            foreach (var (t, what) in new[] { (gamma, "weight"), (beta, "bias") })
                if (t.Dims.Count != 1 || t.Dims[0] != hidden)
                    throw new BertMappingException($"{module}.{what}: initializer '{t.Name}' {t.ShapeText} is not [{hidden}].");
            if (_eps is { } known && Math.Abs(eps - known) > 1e-6 * known)
                throw new BertMappingException($"{module}: LayerNorm ε {eps:g9} differs from the earlier {known:g9}.");
            _eps ??= eps;
            Bind(module + ".weight", gamma, false);
            Bind(module + ".bias", beta, false);
            return output;
        }

        // ---- pooler and leftovers ---------------------------------------------------------------------------------

        private void Pooler(string last)
        {
            foreach (var (node, _) in g.Consumers(last))
            {
                if (node.OpType is not ("Gather" or "Slice")) continue;
                var dense = FollowTo(node.Outputs[0], PoolerOps, IsWeightMatMul);
                if (dense is null) continue;
                var linear = MatchLinear(dense.Value.Node, -1, "pooler");
                if (!g.Consumers(linear.Output).Any(c => c.Node.OpType == "Tanh")) continue;
                _ignored[linear.Weight.Name] = "pooler dense weight (first token → dense → tanh); not part of BertEncoder";
                _ignored[linear.Bias.Name] = "pooler dense bias; not part of BertEncoder";
            }
        }

        private void CheckLeftovers()
        {
            var unmapped = new List<string>();
            foreach (var t in g.Graph.Initializers)
            {
                if (_used.Contains(t.Name) || _ignored.ContainsKey(t.Name)) continue;
                if (t.DataType is OnnxDataType.Float or OnnxDataType.Double or OnnxDataType.Float16 or OnnxDataType.BFloat16)
                    unmapped.Add($"{t.Name} {t.ShapeText}");
                else MarkStructural(t.Name);
            }
            if (unmapped.Count > 0)
                throw new BertMappingException($"{unmapped.Count} float initializer(s) are not mapped to any BertEncoder parameter: {string.Join(", ", unmapped.Take(10))}{(unmapped.Count > 10 ? ", …" : "")}.");
        }

        private void MarkStructural(string name)
        {
            if (_used.Add(name)) _structural.Add(name);
        }

        private void Bind(string parameter, OnnxTensor tensor, bool transpose)
        {
            if (tensor.DataType is not (OnnxDataType.Float or OnnxDataType.Double))
                throw new BertMappingException($"{parameter}: initializer '{tensor.Name}' has element type {tensor.DataType}; float or double is required.");
            if (!_used.Add(tensor.Name))
                throw new BertMappingException($"{parameter}: initializer '{tensor.Name}' is already bound to another parameter (shared weights are not supported).");
            _bindings.Add(new BertWeightBinding(parameter, tensor.Name, tensor.Dims.ToArray(), transpose));
        }

        // ---- data-flow search -------------------------------------------------------------------------------------

        private (OnnxNode Node, int Input)? FollowTo(string start, IReadOnlySet<string> through, Func<OnnxNode, int, bool> stop) =>
            FollowTo(start, through, stop, out _);

        /// <summary>Breadth-first search forward from <paramref name="start"/>, passing only through nodes whose op is
        /// in <paramref name="through"/>, until a consumer satisfies <paramref name="stop"/>; collects the ops passed.</summary>
        private (OnnxNode Node, int Input)? FollowTo(string start, IReadOnlySet<string> through, Func<OnnxNode, int, bool> stop, out HashSet<string> passed)
        {
            passed = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>();
            var seen = new HashSet<OnnxNode>(ReferenceEqualityComparer.Instance);
            queue.Enqueue(start);
            int budget = 256;
            while (queue.Count > 0 && budget-- > 0)
            {
                foreach (var (node, input) in g.Consumers(queue.Dequeue()))
                {
                    if (stop(node, input)) return (node, input);
                    if (!through.Contains(node.OpType) || !seen.Add(node)) continue;
                    passed.Add(node.OpType);
                    foreach (var o in node.Outputs) if (o.Length > 0) queue.Enqueue(o);
                }
            }
            return null;
        }
    }
}
