<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.why_1x1</name>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>{size} max-pool</source>
      <translation>{size} 最大池化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>{size} conv {cin}→{cout}</source>
      <translation>{size} 卷积 {cin}→{cout}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>Channels of the 1×1 convolution in front of the 5×5</source>
      <translation>5×5 卷积前面那个 1×1 卷积的通道数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>waiting for the maps…</source>
      <translation>正在等待特征图…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>Your own width</source>
      <translation>自己选宽度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>1×1 reduction width</source>
      <translation>1×1 降维宽度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>5×5 branch, 1×1 to {width} first</source>
      <translation>5×5 分支，先用 1×1 降到 {width}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>without the 1×1 (all {channels} channels)</source>
      <translation>不用 1×1（全部 {channels} 个通道）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>their difference (same scale)</source>
      <translation>两者之差（同一色标）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>The {maps} maps differ from the unreduced ones by &lt;b&gt;{change:.1f} %&lt;/b&gt; (relative difference). The {width} directions the 1×1 keeps hold {kept:.1f} % of the input's energy (the sum of squares of its {channels} channels).</source>
      <translation>这 {maps} 张特征图与不降维时相差 &lt;b&gt;{change:.1f} %&lt;/b&gt;（相对差异）。1×1 卷积保留的 {width} 个方向包含了输入能量（其 {channels} 个通道的平方和）的 {kept:.1f} %。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>alone</source>
      <translation>单独使用</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>1×1 first</source>
      <translation>先用 1×1</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>{k}×{k} conv {cin}→{cout} on {n}×{n}: multiply-adds</source>
      <translation>{n}×{n} 上的 {k}×{k} 卷积 {cin}→{cout}：乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>{k}×{k} conv {cin}→{cout}: weights</source>
      <translation>{k}×{k} 卷积 {cin}→{cout}：权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>(to {n})</source>
      <translation>（降到 {n}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>{x:.1f}× fewer</source>
      <translation>为原来的 1/{x:.1f}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>The course's examples, counted from the modules</source>
      <translation>课程中的例子（从模块中数出）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>Biases are not counted, as in the course.</source>
      <translation>与课程一致，不计偏置。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>5×5 branch: 1×1 conv {cin}→{width}, then 5×5 conv {width}→{cout}: &lt;b&gt;{macs:,}&lt;/b&gt; multiply-adds, {weights:,} weights; the 5×5 alone: {direct:,} multiply-adds ({x:.1f}× as many). The whole block as the paper draws it: {block:,} multiply-adds, {block_weights:,} weights.</source>
      <translation>5×5 分支：先 1×1 卷积 {cin}→{width}，再 5×5 卷积 {width}→{cout}：&lt;b&gt;{macs:,}&lt;/b&gt; 次乘加，{weights:,} 个权重；单独用 5×5：{direct:,} 次乘加（是前者的 {x:.1f} 倍）。按论文画法的整个模块：{block:,} 次乘加，{block_weights:,} 个权重。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>branch</source>
      <translation>分支</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>layers</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>multiply-adds</source>
      <translation>乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>weights</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>As the paper draws it (1×1 to {width} before the 5×5)</source>
      <translation>按论文的画法（5×5 之前先用 1×1 降到 {width}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>torchvision's GoogLeNet, inception3a (read from its modules)</source>
      <translation>torchvision 的 GoogLeNet，inception3a（从其模块读出）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>Inception 3a: the paper and torchvision</source>
      <translation>Inception 3a：论文与 torchvision</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/why_1x1.py" />
      <source>torchvision's {branch} has a {k}×{k} kernel where the paper draws {d}×{d} (kept so that its pretrained weights load): after the same 1×1 to {width}, {macs:,} multiply-adds where the paper's needs {paper_macs:,}.</source>
      <translation>torchvision 的 {branch} 在论文画 {d}×{d} 的地方用的是 {k}×{k} 卷积核（为了能加载它的预训练权重而保留）：同样先用 1×1 降到 {width}，它需要 {macs:,} 次乘加，而论文的画法需要 {paper_macs:,} 次。</translation>
    </message>
  </context>
</TS>
