<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.filter_view</name>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>filters {first}-{last} of {total}</source>
      <translation>滤波器 {first}-{last}，共 {total} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>, each pixel the mean of about {h}x{w} weights</source>
      <translation>，每个像素是约 {h}x{w} 个权重的平均值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>rows: the {outputs} outputs, columns: the {inputs} inputs{mean}</source>
      <translation>行：{outputs} 个输出，列：{inputs} 个输入{mean}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>one RGB tile per filter (its 3 input channels as red, green, blue; grey is 0)</source>
      <translation>每个滤波器一张 RGB 小图（3 个输入通道分别显示为红、绿、蓝；灰色为 0）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>one tile per filter: the mean over its inputs, each filter on its own scale</source>
      <translation>每个滤波器一张小图：对它的各输入通道取平均，每个滤波器单独缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>one tile per filter, each on its own scale</source>
      <translation>每个滤波器一张小图，各自单独缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>rows: filters, columns: the {inputs} input channels of its own group; each filter on its own scale</source>
      <translation>行：滤波器，列：它所在组的 {inputs} 个输入通道；每个滤波器单独缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>rows: filters, columns: the {inputs} input channels; each filter on its own scale</source>
      <translation>行：滤波器，列：{inputs} 个输入通道；每个滤波器单独缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>filter {filter}: a hole of the dilated kernel (dilation {h}x{w})</source>
      <translation>滤波器 {filter}：空洞卷积核中的空洞（膨胀率 {h}x{w}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>tap (row {row}, col {col})</source>
      <translation>卷积核位置（第 {row} 行，第 {col} 列）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>filter {filter}, {tap}: R {r}  G {g}  B {b}</source>
      <translation>滤波器 {filter}，{tap}：R {r}  G {g}  B {b}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>filter {filter}, mean over its {inputs} inputs, {tap}: {value}</source>
      <translation>滤波器 {filter}，{inputs} 个输入通道的平均，{tap}：{value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>filter {filter}, input channel {channel}, {tap}: {value}</source>
      <translation>滤波器 {filter}，输入通道 {channel}，{tap}：{value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>output {output}, input {input}: {value}</source>
      <translation>输出 {output}，输入 {input}：{value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>outputs {first}-{last}, inputs {first_in}-{last_in}: mean {value}</source>
      <translation>输出 {first}-{last}，输入 {first_in}-{last_in}：平均 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>branch {index} of {block} ({label})</source>
      <translation>{block} 的分支 {index}（{label}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>the residual path F(x) of {block}</source>
      <translation>{block} 的残差路径 F(x)</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>the projection shortcut of {block}</source>
      <translation>{block} 的投影捷径连接</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>the identity shortcut of {block}</source>
      <translation>{block} 的恒等捷径连接</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>the {kind} shortcut of {block}</source>
      <translation>{block} 的 {kind} 捷径连接</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>this model has no convolution or linear layers</source>
      <translation>这个模型没有卷积层或线性层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{part} has no filters: select a convolution or linear layer</source>
      <translation>{part}没有滤波器：请选择一个卷积层或线性层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{key}: {type} weights are not 2-D filters: select a convolution or linear layer (such as {examples})</source>
      <translation>{key}：{type} 的权重不是二维滤波器：请选择一个卷积层或线性层（例如 {examples}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{key}: {type} has no filters: select a convolution or linear layer (such as {examples})</source>
      <translation>{key}：{type} 没有滤波器：请选择一个卷积层或线性层（例如 {examples}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>a {type}</source>
      <translation>一个 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{selected} is {what}: showing its first layer with weights, {layer}</source>
      <translation>{selected} 是{what}：显示其中第一个有权重的层 {layer}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>linear</source>
      <translation>线性层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>depthwise transposed convolution</source>
      <translation>深度转置卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>depthwise convolution</source>
      <translation>深度卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>grouped transposed convolution ({groups} groups)</source>
      <translation>分组转置卷积（{groups} 组）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>grouped convolution ({groups} groups)</source>
      <translation>分组卷积（{groups} 组）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>transposed convolution</source>
      <translation>转置卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>convolution</source>
      <translation>卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>dilated convolution ({dilation})</source>
      <translation>空洞卷积（膨胀率 {dilation}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{kind}, dilated ({dilation})</source>
      <translation>{kind}，带膨胀（膨胀率 {dilation}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{inputs} inputs -&gt; {outputs} outputs, bias {bias}</source>
      <translation>{inputs} 个输入 -&gt; {outputs} 个输出，偏置：{bias}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>yes</source>
      <translation>有</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>no</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>kernel {kernel}, stride {stride}, padding {padding}, dilation {dilation}, groups {groups}</source>
      <translation>卷积核 {kernel}，步幅 {stride}，填充 {padding}，膨胀率 {dilation}，分组数 {groups}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>, output padding {padding}</source>
      <translation>，输出填充 {padding}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>, {inputs} -&gt; {outputs} channels</source>
      <translation>，{inputs} -&gt; {outputs} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>per group: each of the {groups} groups is one input channel with its own {filters} filter(s); a tile is one filter</source>
      <translation>分组：{groups} 组中的每一组是一个输入通道，各有自己的 {filters} 个滤波器；一张小图就是一个滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>per group: {groups} groups of {filters} filters, each filter sees only the {inputs} input channels of its own group</source>
      <translation>分组：{groups} 组，每组 {filters} 个滤波器，每个滤波器只看本组的 {inputs} 个输入通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>unknown filter mode '{mode}'; use one of: {modes}</source>
      <translation>未知的滤波器显示方式“{mode}”；可选：{modes}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>filters per page must be an integer &gt;= 1, got {value}</source>
      <translation>每页滤波器数必须是 &gt;= 1 的整数，实际为 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{layer}: page {page} does not exist; it has {pages} page(s) of {per_page} filters</source>
      <translation>{layer}：第 {page} 页不存在；共 {pages} 页，每页 {per_page} 个滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/filter_view.py" />
      <source>{layer}: RGB tiles need filters with 3 input channels; this layer's have {count} (use grid or mean)</source>
      <translation>{layer}：RGB 小图需要滤波器有 3 个输入通道；这一层的滤波器有 {count} 个（请用网格或通道平均）</translation>
    </message>
  </context>
</TS>
