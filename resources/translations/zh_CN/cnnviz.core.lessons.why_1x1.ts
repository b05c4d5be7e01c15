<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.why_1x1</name>
    <message>
      <location filename="cnnviz/core/lessons/why_1x1.py" />
      <source>Why 1x1 convolutions</source>
      <translation>为什么要用 1x1 卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/why_1x1.py" />
      <source>A 5x5 convolution from 192 to 32 channels on a 28x28 map multiplies and adds once for every output value, every input channel and every position of its kernel. Put a 1x1 convolution to 16 channels in front of it and the 5x5 reads 16 channels instead of 192: the page counts, from the modules, how much work and how many weights that saves.

GoogLeNet's Inception blocks do this before every 3x3 and 5x5. Below, the paper's inception (3a) runs on a real 192-channel input. Its 1x1 keeps the directions in which the 192 channels vary most, so you see how much of the 5x5's output a narrow 1x1 keeps.

torchvision's GoogLeNet, beside it, uses 3x3 where the paper draws 5x5: the table reads the kernels its modules really have.</source>
      <translation>在 28x28 的特征图上做一个从 192 通道到 32 通道的 5x5 卷积，每个输出值、每个输入通道、卷积核的每个位置都要做一次乘加。在它前面先放一个降到 16 通道的 1x1 卷积，5x5 卷积就只需读 16 个通道而不是 192 个：下面直接从模块数出这样能省下多少计算量和多少权重。

GoogLeNet 的 Inception 模块在每个 3x3 和 5x5 卷积前都这样做。下面让论文中的 inception (3a) 模块在真实的 192 通道输入上运行。它的 1x1 卷积保留这 192 个通道变化最大的那些方向，于是可以看到一个窄的 1x1 卷积能保住 5x5 输出的多少。

旁边是 torchvision 的 GoogLeNet，论文画 5x5 的地方它用的是 3x3：表格读出的是它的模块里实际的卷积核。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/why_1x1.py" />
      <source>Drag the reduction width down to 4 and up to 64: watch the multiply-adds and how much the 5x5 branch's maps change.</source>
      <translation>把降维宽度拖到 4，再拖到 64：观察乘加次数，以及 5x5 分支的特征图变化了多少。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/why_1x1.py" />
      <source>{name} must be a whole number &gt;= 1, got {value}</source>
      <translation>{name} 必须是不小于 1 的整数，收到的是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/why_1x1.py" />
      <source>expected one image as a [1, C, H, W] tensor, got {shape}</source>
      <translation>需要一张形状为 [1, C, H, W] 的图像张量，收到的是 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/why_1x1.py" />
      <source>the reduction width must be a whole number from 1 to {most}, got {value}</source>
      <translation>降维宽度必须是 1 到 {most} 之间的整数，收到的是 {value}</translation>
    </message>
  </context>
</TS>
